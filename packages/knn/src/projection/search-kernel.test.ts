import { seededRandom } from '@digitlab/datasets';
import { checkWatModule } from '@digitlab/kernels/testing';
import { describe, expect, it } from 'vitest';
import { exactNearest } from '../test-support/exact-reference.js';
import { projectionIndexData } from './projection-index.js';
import { SearchKernel, searchKernelSupported } from './search-kernel.js';

/** Rows of small integers (0..levels−1): every distance is exact in float64, and ties abound. */
function latticeRows(n: number, d: number, levels: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n * d }, () => Math.floor(random() * levels));
}

/**
 * MNIST-like rows: values k/255 on about `density` of the features, varying mostly along six
 * directions (as images vary along a few strokes), so that near neighbours are much nearer than
 * most rows.
 */
function sparseRows(n: number, d: number, density: number, seed: number): Float32Array {
  const random = seededRandom(7);
  const support = Array.from({ length: d }, () => random() < density);
  const directions = Array.from({ length: 6 }, () =>
    Float32Array.from({ length: d }, (_, i) => (support[i] ? random() - 0.5 : 0)),
  );
  const own = seededRandom(seed);
  const out = new Float32Array(n * d);
  for (let j = 0; j < n; j++) {
    const z = directions.map((_, f) => (own() - 0.5) * 2 ** -f * 4);
    for (let i = 0; i < d; i++) {
      if (!support[i]) continue;
      let v = 0.5 + 0.01 * (own() - 0.5);
      directions.forEach((dir, f) => {
        v += (z[f] as number) * (dir[i] as number);
      });
      out[j * d + i] = Math.round(Math.min(1, Math.max(0, v)) * 255) / 255;
    }
  }
  return out;
}

function search(rows: Float32Array, d: number, queries: Float32Array, k: number) {
  const kernel = new SearchKernel(projectionIndexData(rows, rows.length / d, d));
  return { ...kernel.searchAll(queries, k), counts: kernel.counts() };
}

describe('the WebAssembly search kernel binary', () => {
  it('runs on this engine (WebAssembly SIMD)', () => {
    expect(searchKernelSupported()).toBe(true);
  });

  it('is exactly what search-kernel.wat assembles to', () => {
    const at = (file: string) => new URL(file, import.meta.url);
    checkWatModule(at('search-kernel.wat'), at('search-kernel-binary.ts'), 'SEARCH_KERNEL_BASE64');
  });
});

describe('SearchKernel: exactly the k nearest rows, ties in row order', () => {
  it.each([
    // n not a multiple of 4 (padding rows), d below and above the 64 directions.
    [301, 20, 1],
    [301, 20, 5],
    [150, 3, 7],
    [97, 1, 4],
    [203, 100, 5],
  ])('lattice rows, n = %i, d = %i, k = %i: rows and distances as a full scan', (n, d, k) => {
    const rows = latticeRows(n, d, 3, n + d);
    // Fresh queries, copies of rows (distance 0, often shared with duplicates), and one far away.
    const fresh = latticeRows(20, d, 3, 7 * n);
    const copies = rows.slice(5 * d, 15 * d);
    const far = Float32Array.from({ length: d }, (_, i) => 1000 + i);
    const queries = Float32Array.from([...fresh, ...copies, ...far]);
    const found = search(rows, d, queries, k);
    for (let q = 0; q < queries.length / d; q++) {
      const ref = exactNearest(rows, d, queries.subarray(q * d, (q + 1) * d), k);
      expect(Array.from(found.indices.subarray(q * k, (q + 1) * k))).toEqual(ref.rows);
      expect(Array.from(found.sqDistances.subarray(q * k, (q + 1) * k))).toEqual(ref.sqDistances);
    }
  });

  it('takes tied rows in row order across the k-th place, among many duplicates', () => {
    const d = 8;
    // Rows 0..39 are four copies of ten points; query = point 3: rows 3, 13, 23, 33 tie at 0.
    const points = latticeRows(10, d, 4, 3);
    const rows = new Float32Array(40 * d);
    for (let c = 0; c < 4; c++) rows.set(points, c * 10 * d);
    const query = points.slice(3 * d, 4 * d);
    const found = search(rows, d, query, 3);
    expect(Array.from(found.indices)).toEqual([3, 13, 23]);
    expect(Array.from(found.sqDistances)).toEqual([0, 0, 0]);
    const five = search(rows, d, query, 5).indices;
    expect(Array.from(five.subarray(0, 4))).toEqual([3, 13, 23, 33]);
    expect(five[4]).toBe(exactNearest(rows, d, query, 5).rows[4]);
  });

  it('finds what a full float64 scan finds on sparse 784-feature rows of low intrinsic dimension, pruning most of them', () => {
    const d = 784;
    const n = 1000;
    const rows = sparseRows(n, d, 0.2, 5);
    const queries = sparseRows(60, d, 0.2, 6);
    const k = 5;
    const found = search(rows, d, queries, k);
    let compared = 0;
    for (let q = 0; q < 60; q++) {
      const ref = exactNearest(rows, d, queries.subarray(q * d, (q + 1) * d), k);
      // float64 sums in another order agree to ~1e-13; only closer ties could be ordered otherwise.
      if (Math.min(...ref.gaps) < 1e-9) continue;
      compared++;
      expect(Array.from(found.indices.subarray(q * k, (q + 1) * k))).toEqual(ref.rows);
      found.sqDistances.subarray(q * k, (q + 1) * k).forEach((s, j) => {
        expect(s).toBeCloseTo(ref.sqDistances[j] as number, 9);
      });
    }
    expect(compared).toBeGreaterThan(55);
    // The integer bounds leave a small share of the rows to measure exactly.
    expect(found.counts.stage1).toBeLessThan(0.5 * n * 60);
    expect(found.counts.stage2).toBeLessThan(found.counts.stage1);
  });

  it('gives a query equal to a row distance exactly 0, whatever its values', () => {
    const d = 784;
    const rows = sparseRows(200, d, 0.2, 9);
    for (let i = 0; i < rows.length; i += 7) rows[i] = (rows[i] as number) * Math.PI;
    const found = search(rows, d, rows.subarray(50 * d, 52 * d), 1);
    expect(Array.from(found.indices)).toEqual([50, 51]);
    expect(Array.from(found.sqDistances)).toEqual([0, 0]);
  });

  it('returns every row when k = n, nearest first', () => {
    const d = 5;
    const rows = latticeRows(13, d, 5, 2);
    const query = latticeRows(1, d, 5, 99);
    const found = search(rows, d, query, 13);
    expect(Array.from(found.indices)).toEqual(exactNearest(rows, d, query, 13).rows);
  });

  it('rejects k outside 1..n', () => {
    const kernel = new SearchKernel(projectionIndexData(latticeRows(4, 2, 3, 1), 4, 2));
    expect(() => kernel.searchAll(new Float32Array(2), 5)).toThrow(/expected 1 ≤ k ≤ 4, found 5/);
    expect(() => kernel.searchAll(new Float32Array(2), 0)).toThrow(RangeError);
  });
});
