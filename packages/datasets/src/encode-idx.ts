import { gzipSync } from 'fflate';
import { swapToFromBigEndian } from './byte-order.js';
import { IdxFormatError } from './errors.js';
import {
  IDX_ELEMENT_SIZES,
  IDX_TYPE_CODES,
  type IdxType,
  type IdxTypedArray,
} from './idx-types.js';

/** Options for encodeIdx. */
export interface EncodeIdxOptions {
  /** Gzip-compress the result, as the published MNIST files are. Default false. */
  readonly gzip?: boolean;
}

/** The IDX element type that stores a given typed array, or undefined when IDX has none for it. */
export function idxTypeOf(data: ArrayBufferView): IdxType | undefined {
  if (data instanceof Uint8Array) return 'u8';
  if (data instanceof Int8Array) return 'i8';
  if (data instanceof Int16Array) return 'i16';
  if (data instanceof Int32Array) return 'i32';
  if (data instanceof Float32Array) return 'f32';
  if (data instanceof Float64Array) return 'f64';
  return undefined;
}

/** Encodes dims and a typed array (whose kind picks the IDX type code) as big-endian IDX bytes. */
export function encodeIdx(
  dims: readonly number[],
  data: IdxTypedArray,
  options: EncodeIdxOptions = {},
): Uint8Array {
  const type = idxTypeOf(data);
  if (type === undefined) {
    throw new IdxFormatError(
      `encodeIdx: expected a Uint8Array, Int8Array, Int16Array, Int32Array, Float32Array or Float64Array, found ${data?.constructor?.name ?? typeof data}`,
    );
  }
  if (dims.length > 255) {
    throw new IdxFormatError(`encodeIdx: expected at most 255 dimensions, found ${dims.length}`);
  }
  let count = 1;
  for (const [axis, size] of dims.entries()) {
    if (!Number.isInteger(size) || size < 0 || size > 0xffffffff) {
      throw new IdxFormatError(
        `encodeIdx: expected dims[${axis}] to be an integer in [0, 2^32), found ${size}`,
      );
    }
    count *= size;
  }
  if (count !== data.length) {
    throw new IdxFormatError(
      `encodeIdx: dims [${dims.join(', ')}] hold ${count} elements, but the ${data.constructor.name} has ${data.length}`,
    );
  }
  const headerSize = 4 + 4 * dims.length;
  const out = new Uint8Array(headerSize + data.byteLength);
  const header = new DataView(out.buffer, 0, headerSize);
  header.setUint8(2, IDX_TYPE_CODES[type]);
  header.setUint8(3, dims.length);
  for (const [axis, size] of dims.entries()) header.setUint32(4 + 4 * axis, size, false);
  const body = out.subarray(headerSize);
  body.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  swapToFromBigEndian(body, IDX_ELEMENT_SIZES[type]);
  if (options.gzip !== true) return out;
  // mtime 0, as zlib writes it: the same data always encodes to the same bytes.
  return gzipSync(out, { mtime: 0 });
}
