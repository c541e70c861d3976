import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from './encode-idx.js';
import { IdxFormatError } from './errors.js';
import { gunzipOrThrow } from './gzip.js';

const file = '/data/x.gz';
const zlibOutcome = (bytes: Uint8Array) => {
  try {
    return [...gunzipSync(bytes)];
  } catch {
    return 'throws';
  }
};
const ourOutcome = (bytes: Uint8Array) => {
  try {
    return [...gunzipOrThrow(bytes, file)];
  } catch (error) {
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as IdxFormatError).file).toBe(file);
    return 'throws';
  }
};
const members = fc.array(fc.uint8Array({ maxLength: 2000 }), { minLength: 1, maxLength: 3 });
const gzipped = (parts: Uint8Array[], level: number) =>
  new Uint8Array(Buffer.concat(parts.map((part) => gzipSync(part, { level }))));

// decodeIdx runs this pure-JS gunzip in every environment, so it must agree with zlib.
describe('gunzipOrThrow agrees with zlib', () => {
  it('on single- and multi-member streams', () => {
    fc.assert(
      fc.property(members, fc.integer({ min: 0, max: 9 }), (parts, level) => {
        expect(ourOutcome(gzipped(parts, level))).toEqual([...Buffer.concat(parts)]);
      }),
    );
  });

  it('on truncated streams: both refuse them', () => {
    // Non-empty members: an empty one's trailer is all zeros, so cutting its last byte leaves
    // eight zero bytes that still read as a valid trailer (IDX bytes are never empty).
    const nonEmpty = fc.array(fc.uint8Array({ minLength: 1, maxLength: 2000 }), {
      minLength: 1,
      maxLength: 3,
    });
    fc.assert(
      fc.property(nonEmpty, fc.nat(), (parts, at) => {
        const bytes = gzipped(parts, 6);
        const cut = bytes.subarray(0, 2 + (at % (bytes.length - 2)));
        expect(ourOutcome(cut)).toEqual(zlibOutcome(cut));
      }),
    );
  });

  it('on a corrupted byte anywhere after the header', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 2000 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (part, at, flip) => {
          const bytes = gzipped([part], 6);
          const position = 10 + (at % (bytes.length - 10));
          bytes[position] = bytes[position]! ^ flip;
          // Flipped padding bits after the last deflate block change nothing, for zlib too.
          expect(ourOutcome(bytes)).toEqual(zlibOutcome(bytes));
        },
      ),
    );
  });

  it('names the cause: a trailer whose CRC-32 does not match', () => {
    const bytes = gzipped([new Uint8Array(100).fill(7)], 6);
    bytes[bytes.length - 8] = bytes[bytes.length - 8]! ^ 1;
    expect(() => gunzipOrThrow(bytes, file)).toThrow(
      /\/data\/x\.gz: expected a complete gzip stream .* failed: incorrect data check/,
    );
  });
});

describe('encodeIdx with gzip', () => {
  it('writes a standard gzip stream that zlib reads, the same bytes every time', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => i % 7);
    const gz = encodeIdx([300], data, { gzip: true });
    expect([...gunzipSync(gz)]).toEqual([...encodeIdx([300], data)]);
    expect([...encodeIdx([300], data, { gzip: true })]).toEqual([...gz]);
  });
});
