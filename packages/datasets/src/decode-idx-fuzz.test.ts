import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeIdx, decodeRawIdx } from './decode-idx.js';
import { encodeIdx } from './encode-idx.js';
import { IdxFormatError } from './errors.js';
import { IDX_ELEMENT_SIZES, type IdxData } from './idx-types.js';
import { decodeIdxAsync } from './node/read-idx.js';
import { mutatedBytes, resultOrTypedError, settledOrTypedError } from './testing/index.js';

const ONLY = [IdxFormatError];
const RUNS = 3000;

/** What any accepted IDX must satisfy: as many elements as its dims say, taken from `raw`. */
function checkConsistent(idx: IdxData, raw: Uint8Array): void {
  const count = idx.dims.reduce((a, b) => a * b, 1);
  expect(idx.data.length).toBe(count);
  expect(raw.length).toBe(4 + 4 * idx.dims.length + count * IDX_ELEMENT_SIZES[idx.type]);
}

/** A real file of each element type: small images, labels, doubles. */
const realFiles = [
  encodeIdx(
    [3, 4, 4],
    Uint8Array.from({ length: 48 }, (_, i) => (i * 37) & 255),
  ),
  encodeIdx([5], new Uint8Array([0, 1, 2, 9, 7])),
  encodeIdx([2, 3], new Float32Array([0.5, -1, 2, 3.25, 1e-3, 7])),
  encodeIdx([4], new Int16Array([1, -2, 300, -32768])),
  encodeIdx([2, 2], new Float64Array([Math.PI, -0, 1e300, 4])),
];

// Sizes a header may claim, from nothing to 2^32 - 1 per axis.
const claimedSize = fc.oneof(
  fc.constantFrom(0, 1, 2, 28, 60000, 0x7fffffff, 0x80000000, 0xffffffff),
  fc.nat({ max: 0xffffffff }),
  fc.nat({ max: 8 }),
);

function header(code: number, dims: readonly number[]): number[] {
  const bytes = [0, 0, code, dims.length];
  for (const d of dims) bytes.push(d >>> 24, (d >>> 16) & 255, (d >>> 8) & 255, d & 255);
  return bytes;
}

describe('decodeIdx on generated input (fuzz): a consistent IDX or an IdxFormatError', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const idx = resultOrTypedError(() => decodeIdx(bytes), ONLY);
        if (!(idx instanceof Error)) checkConsistent(idx, bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('headers claiming any sizes (up to 2^32 - 1 per axis) over short bodies, without allocating for the claim', () => {
    const code = fc.oneof(
      fc.constantFrom(0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e),
      fc.nat({ max: 255 }),
    );
    const dims = fc.array(claimedSize, { maxLength: 5 });
    const before = process.memoryUsage().arrayBuffers;
    fc.assert(
      fc.property(code, dims, fc.uint8Array({ maxLength: 40 }), (c, d, body) => {
        const bytes = new Uint8Array([...header(c, d), ...body]);
        const idx = resultOrTypedError(() => decodeIdx(bytes, { file: 'x.idx' }), ONLY);
        if (idx instanceof Error) expect(idx.message).toMatch(/^x\.idx: /);
        else checkConsistent(idx, bytes);
      }),
      { numRuns: RUNS },
    );
    // A decoder that allocated what a header claims would hold gigabytes here (or have thrown).
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 2 ** 20);
  });

  it('a header claiming 2^32 - 1 images of 28 × 28 over a small file: an IdxFormatError, nothing allocated', () => {
    const bytes = new Uint8Array([...header(0x08, [0xffffffff, 28, 28]), ...new Uint8Array(784)]);
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 100; i++) {
      expect(() => decodeIdx(bytes)).toThrow(
        /dims \[4294967295, 28, 28\] of u8 need \d+ data bytes/,
      );
    }
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 ** 20);
  });

  it('mutations of real headers and bodies', () => {
    const damaged = fc.constantFrom(...realFiles).chain((file) => mutatedBytes(file));
    fc.assert(
      fc.property(damaged, (bytes) => {
        const idx = resultOrTypedError(() => decodeIdx(bytes), ONLY);
        if (!(idx instanceof Error)) checkConsistent(idx, bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('mutations of gzip-compressed real files: accepted only when zlib agrees on every byte', () => {
    const damaged = fc
      .constantFrom(...realFiles.map((f) => gzipSync(f)))
      .chain((gz) => mutatedBytes(gz));
    fc.assert(
      fc.property(damaged, (bytes) => {
        const idx = resultOrTypedError(() => decodeIdx(bytes), ONLY);
        if (idx instanceof Error) return;
        // Bytes that lost the gzip magic are decoded raw; the rest must really be gzip.
        const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
        checkConsistent(idx, raw);
        expect(decodeRawIdx(new Uint8Array(raw), undefined)).toEqual(idx);
      }),
      { numRuns: RUNS },
    );
  });

  it('mutations of gzip-compressed real files through Node zlib (decodeIdxAsync)', async () => {
    const damaged = fc
      .constantFrom(...realFiles.map((f) => gzipSync(f)))
      .chain((gz) => mutatedBytes(gz));
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        const idx = await settledOrTypedError(() => decodeIdxAsync(bytes, 'y.gz'), ONLY);
        if (!(idx instanceof Error))
          expect(idx.data.length).toBe(idx.dims.reduce((a, b) => a * b, 1));
      }),
      { numRuns: 1000, timeout: 2000 },
    );
  });
});
