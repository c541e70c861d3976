import { swapToFromBigEndian } from './byte-order.js';
import { describeSource, IdxFormatError } from './errors.js';
import { gunzipOrThrow, isGzip } from './gzip.js';
import {
  describeSupportedTypes,
  formatTypeCode,
  IDX_ELEMENT_SIZES,
  type IdxData,
  type IdxType,
  idxTypeFromCode,
} from './idx-types.js';

/** Where the bytes came from, used in error messages. */
export interface DecodeIdxOptions {
  readonly file?: string;
}

/**
 * Decodes IDX bytes, raw or gzip-compressed (recognised by the gzip magic, not a file name).
 * u8 data is a view into the (decompressed) input, other types are fresh arrays in host byte order.
 */
export function decodeIdx(bytes: Uint8Array, options: DecodeIdxOptions = {}): IdxData {
  const raw = isGzip(bytes) ? gunzipOrThrow(bytes, options.file) : bytes;
  return decodeRawIdx(raw, options.file);
}

function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Decodes uncompressed IDX bytes; see decodeIdx. */
export function decodeRawIdx(bytes: Uint8Array, file: string | undefined): IdxData {
  const where = describeSource(file);
  if (bytes.length < 4) {
    throw new IdxFormatError(
      `${where}: expected at least the 4-byte IDX magic number, found ${plural(bytes.length, 'byte')}`,
      file,
    );
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new IdxFormatError(
      `${where}: expected IDX magic starting with bytes 00 00, found ${hexBytes(bytes.subarray(0, 4))}` +
        ' (not an IDX file, or compressed with something other than gzip)',
      file,
    );
  }
  const code = bytes[2]!;
  const type = idxTypeFromCode(code);
  if (type === undefined) {
    throw new IdxFormatError(
      `${where}: unsupported IDX element type code ${formatTypeCode(code)}; expected one of ${describeSupportedTypes()}`,
      file,
    );
  }
  const rank = bytes[3]!;
  const headerSize = 4 + 4 * rank;
  if (bytes.length < headerSize) {
    throw new IdxFormatError(
      `${where}: truncated header: rank ${rank} needs ${headerSize} header bytes, found ${plural(bytes.length, 'byte')}`,
      file,
    );
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, headerSize);
  const dims: number[] = [];
  let count = 1;
  for (let axis = 0; axis < rank; axis++) {
    const size = header.getUint32(4 + 4 * axis, false);
    dims.push(size);
    count *= size;
  }
  const elementSize = IDX_ELEMENT_SIZES[type];
  const expectedDataBytes = count * elementSize;
  const foundDataBytes = bytes.length - headerSize;
  if (foundDataBytes !== expectedDataBytes) {
    const difference = foundDataBytes - expectedDataBytes;
    const problem =
      difference < 0
        ? `truncated by ${plural(-difference, 'byte')}`
        : `${plural(difference, 'trailing byte')}`;
    throw new IdxFormatError(
      `${where}: dims [${dims.join(', ')}] of ${type} need ${expectedDataBytes} data bytes after the ` +
        `${headerSize}-byte header (${headerSize + expectedDataBytes} in total), found ${foundDataBytes} (${problem})`,
      file,
    );
  }
  return { type, dims, data: elementsOf(type, bytes.subarray(headerSize)) } as IdxData;
}

function elementsOf(type: IdxType, body: Uint8Array): IdxData['data'] {
  // A plain Uint8Array view even when the input is a Buffer, whose slice() would not copy.
  if (type === 'u8') return new Uint8Array(body.buffer, body.byteOffset, body.length);
  if (type === 'i8') return new Int8Array(body.buffer, body.byteOffset, body.length);
  // Multi-byte types need an aligned buffer in host order: one native copy, one native swap.
  const elementSize = IDX_ELEMENT_SIZES[type];
  const copy = new Uint8Array(body.length);
  copy.set(body);
  swapToFromBigEndian(copy, elementSize);
  const length = body.length / elementSize;
  switch (type) {
    case 'i16':
      return new Int16Array(copy.buffer, 0, length);
    case 'i32':
      return new Int32Array(copy.buffer, 0, length);
    case 'f32':
      return new Float32Array(copy.buffer, 0, length);
    case 'f64':
      return new Float64Array(copy.buffer, 0, length);
  }
}
