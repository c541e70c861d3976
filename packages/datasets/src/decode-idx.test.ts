import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeIdx } from './decode-idx.js';
import { encodeIdx } from './encode-idx.js';
import { IdxFormatError } from './errors.js';
import type { IdxType, IdxTypedArray } from './idx-types.js';

function header(code: number, dims: number[]): number[] {
  const bytes = [0, 0, code, dims.length];
  for (const d of dims) bytes.push((d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return bytes;
}

function bigEndian(write: (view: DataView) => void, size: number): number[] {
  const view = new DataView(new ArrayBuffer(size));
  write(view);
  return [...new Uint8Array(view.buffer)];
}

function bytesOf(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function thrown(fn: () => unknown): IdxFormatError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IdxFormatError);
    return error as IdxFormatError;
  }
  throw new Error('expected an IdxFormatError, but nothing was thrown');
}

describe('decodeIdx on hand-written big-endian bytes', () => {
  it('reads u8 (0x08) as a view of the input, without copying', () => {
    const input = new Uint8Array([...header(0x08, [2, 2]), 0, 1, 128, 255]);
    const idx = decodeIdx(input);
    expect(idx.type).toBe('u8');
    expect(idx.dims).toEqual([2, 2]);
    expect([...idx.data]).toEqual([0, 1, 128, 255]);
    expect(idx.data).toBeInstanceOf(Uint8Array);
    expect(idx.data.buffer).toBe(input.buffer);
  });

  it('reads i8 (0x09) as signed bytes', () => {
    const idx = decodeIdx(new Uint8Array([...header(0x09, [3]), 0x80, 0x7f, 0xff]));
    expect(idx.data).toBeInstanceOf(Int8Array);
    expect([...idx.data]).toEqual([-128, 127, -1]);
  });

  it('byte-swaps i16 (0x0B)', () => {
    const idx = decodeIdx(new Uint8Array([...header(0x0b, [2]), 0x01, 0x02, 0xff, 0xfe]));
    expect(idx.type).toBe('i16');
    expect(idx.data).toBeInstanceOf(Int16Array);
    expect([...idx.data]).toEqual([258, -2]);
  });

  it('byte-swaps i32 (0x0C)', () => {
    const idx = decodeIdx(
      new Uint8Array([...header(0x0c, [2]), 0x01, 0x02, 0x03, 0x04, 0xff, 0xff, 0xff, 0xfe]),
    );
    expect(idx.data).toBeInstanceOf(Int32Array);
    expect([...idx.data]).toEqual([0x01020304, -2]);
  });

  it('byte-swaps f32 (0x0D)', () => {
    const body = bigEndian((v) => {
      v.setFloat32(0, 1.5, false);
      v.setFloat32(4, -2.25, false);
    }, 8);
    const idx = decodeIdx(new Uint8Array([...header(0x0d, [1, 2]), ...body]));
    expect(idx.data).toBeInstanceOf(Float32Array);
    expect(idx.dims).toEqual([1, 2]);
    expect([...idx.data]).toEqual([1.5, -2.25]);
  });

  it('byte-swaps f64 (0x0E)', () => {
    const body = bigEndian((v) => {
      v.setFloat64(0, Math.PI, false);
      v.setFloat64(8, -1e300, false);
    }, 16);
    const idx = decodeIdx(new Uint8Array([...header(0x0e, [2]), ...body]));
    expect(idx.data).toBeInstanceOf(Float64Array);
    expect([...idx.data]).toEqual([Math.PI, -1e300]);
  });

  it('reads multi-byte data from an unaligned offset inside a larger buffer', () => {
    const raw = [...header(0x0b, [1]), 0x12, 0x34];
    const backing = new Uint8Array(raw.length + 1);
    backing.set(raw, 1);
    const idx = decodeIdx(backing.subarray(1));
    expect([...idx.data]).toEqual([0x1234]);
  });

  it('decompresses gzip input, recognised by its magic bytes', () => {
    const raw = new Uint8Array([...header(0x08, [3]), 7, 8, 9]);
    const idx = decodeIdx(gzipSync(raw));
    expect(idx.dims).toEqual([3]);
    expect([...idx.data]).toEqual([7, 8, 9]);
  });
});

const shapes = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 4 });
const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

/** fast-check's typed-array arbitrary for each IDX element type. */
const arbitraryArrays: Record<
  IdxType,
  (length: { minLength: number; maxLength: number }) => fc.Arbitrary<IdxTypedArray>
> = {
  u8: fc.uint8Array,
  i8: fc.int8Array,
  i16: fc.int16Array,
  i32: fc.int32Array,
  f32: fc.float32Array,
  f64: fc.float64Array,
};

function arbitraryArray(type: IdxType, n: number): fc.Arbitrary<IdxTypedArray> {
  return arbitraryArrays[type]({ minLength: n, maxLength: n });
}

describe('encodeIdx → decodeIdx round trip (property)', () => {
  const types: IdxType[] = ['u8', 'i8', 'i16', 'i32', 'f32', 'f64'];
  it.each(types)('preserves type, dims and every bit of %s data, raw and gzip', (type) => {
    const cases = shapes.chain((dims) =>
      fc.tuple(fc.constant(dims), arbitraryArray(type, size(dims)), fc.boolean()),
    );
    fc.assert(
      fc.property(cases, ([dims, data, gzip]) => {
        const decoded = decodeIdx(encodeIdx(dims, data, { gzip }));
        expect(decoded.type).toBe(type);
        expect(decoded.dims).toEqual(dims);
        expect(decoded.data.constructor).toBe(data.constructor);
        expect(bytesOf(decoded.data)).toEqual(bytesOf(data));
      }),
      { numRuns: 60 },
    );
  });

  it('writes the header and big-endian body the format specifies', () => {
    const bytes = encodeIdx([2], new Int16Array([258, -2]));
    expect([...bytes]).toEqual([...header(0x0b, [2]), 0x01, 0x02, 0xff, 0xfe]);
  });

  it('leaves the input array untouched when swapping bytes', () => {
    const data = new Float64Array([1, 2, 3]);
    encodeIdx([3], data);
    expect([...data]).toEqual([1, 2, 3]);
  });
});

describe('encodeIdx rejects what it cannot encode', () => {
  it('names the mismatch between dims and data length', () => {
    expect(() => encodeIdx([2, 3], new Uint8Array(5))).toThrow(
      /dims \[2, 3\] hold 6 elements, but the Uint8Array has 5/,
    );
  });
  it('names a dimension that is not a 32-bit unsigned integer', () => {
    expect(() => encodeIdx([1.5], new Uint8Array(1))).toThrow(/dims\[0\].*found 1\.5/);
    expect(() => encodeIdx([-1], new Uint8Array(0))).toThrow(/dims\[0\].*found -1/);
  });
  it('names an array kind IDX has no type code for', () => {
    const wrong = new Uint16Array(1) as unknown as Uint8Array;
    expect(() => encodeIdx([1], wrong)).toThrow(/found Uint16Array/);
  });
});

describe('decodeIdx rejects malformed bytes, naming the file, what it expected and what it found', () => {
  const file = '/data/train-images-idx3-ubyte';
  const good = () => new Uint8Array([...header(0x08, [2, 3]), 1, 2, 3, 4, 5, 6]);

  it('too short for a magic number', () => {
    const error = thrown(() => decodeIdx(new Uint8Array([0, 0]), { file }));
    expect(error.file).toBe(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/expected at least the 4-byte IDX magic number, found 2 bytes/);
  });

  it('wrong magic', () => {
    const bytes = good();
    bytes[0] = 0x50;
    bytes[1] = 0x4b;
    const error = thrown(() => decodeIdx(bytes, { file }));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(
      /expected IDX magic starting with bytes 00 00, found 50 4b 08 02/,
    );
  });

  it('unsupported type code', () => {
    const bytes = good();
    bytes[2] = 0x0a;
    const error = thrown(() => decodeIdx(bytes, { file }));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(
      /unsupported IDX element type code 0x0A; expected one of 0x08 \(u8\)/,
    );
  });

  it('header cut inside the dimensions', () => {
    const error = thrown(() => decodeIdx(good().subarray(0, 9), { file }));
    expect(error.message).toMatch(/rank 2 needs 12 header bytes, found 9 bytes/);
  });

  it('truncated data', () => {
    const error = thrown(() => decodeIdx(good().subarray(0, 16), { file }));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(
      /dims \[2, 3\] of u8 need 6 data bytes.*found 4 \(truncated by 2 bytes\)/,
    );
  });

  it('trailing bytes', () => {
    const bytes = new Uint8Array([...good(), 0]);
    const error = thrown(() => decodeIdx(bytes, { file }));
    expect(error.message).toMatch(/need 6 data bytes.*found 7 \(1 trailing byte\)/);
  });

  it('multi-byte data whose length is not a whole number of elements', () => {
    const bytes = new Uint8Array([...header(0x0c, [1]), 0, 0, 1]);
    const error = thrown(() => decodeIdx(bytes));
    expect(error.file).toBeUndefined();
    expect(error.message).toMatch(/<in-memory IDX bytes>: dims \[1\] of i32 need 4 data bytes/);
  });

  it('truncated gzip stream', () => {
    const gz = gzipSync(good());
    const error = thrown(() => decodeIdx(gz.subarray(0, gz.length - 6), { file }));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/expected a complete gzip stream/);
  });

  it('gzip stream with corrupted contents', () => {
    const gz = gzipSync(new Uint8Array(4096).fill(3));
    gz[gz.length - 5] = gz[gz.length - 5]! ^ 0xff; // inside the CRC/length trailer
    const error = thrown(() => decodeIdx(gz, { file }));
    expect(error.message).toMatch(/gzip stream.*decompressing its \d+ bytes failed/);
  });

  it('gzip stream that holds something other than IDX', () => {
    const error = thrown(() => decodeIdx(gzipSync(Buffer.from('<html>')), { file }));
    expect(error.message).toMatch(
      /expected IDX magic starting with bytes 00 00, found 3c 68 74 6d/,
    );
  });
});
