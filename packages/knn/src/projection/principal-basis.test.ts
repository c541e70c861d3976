import { seededRandom } from '@digitlab/datasets';
import { describe, expect, it } from 'vitest';
import { principalBasis, symmetricEigen } from './principal-basis.js';

/** Rows varying along orthonormal directions with standard deviations `spreads`, plus a mean. */
function rowsAlong(directions: number[][], spreads: number[], n: number, seed: number) {
  const random = seededRandom(seed);
  const d = (directions[0] as number[]).length;
  const rows = new Float32Array(n * d);
  for (let j = 0; j < n; j++) {
    for (let f = 0; f < directions.length; f++) {
      const z = (random() - 0.5) * Math.sqrt(12) * (spreads[f] as number);
      for (let i = 0; i < d; i++)
        rows[j * d + i] = (rows[j * d + i] as number) + z * (directions[f]?.[i] as number);
    }
    for (let i = 0; i < d; i++) rows[j * d + i] = (rows[j * d + i] as number) + 3;
  }
  return rows;
}

/** `count` random orthonormal vectors of length d (Gram–Schmidt). */
function orthonormal(count: number, d: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const out: number[][] = [];
  while (out.length < count) {
    const v = Array.from({ length: d }, () => random() - 0.5);
    for (const u of out) {
      const dot = v.reduce((s, x, i) => s + x * (u[i] as number), 0);
      for (let i = 0; i < d; i++) v[i] = (v[i] as number) - dot * (u[i] as number);
    }
    const norm = Math.hypot(...v);
    out.push(v.map((x) => x / norm));
  }
  return out;
}

function column(vectors: Float64Array, d: number, dims: number, c: number): number[] {
  return Array.from({ length: d }, (_, i) => vectors[i * dims + c] as number);
}

const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('principalBasis', () => {
  it.each([
    ['Jacobi, all directions', 40],
    ['subspace iteration', 300],
  ])(
    '%s (d = %i): orthonormal or zero columns, the leading ones along the data’s directions',
    (_, d) => {
      const directions = orthonormal(4, d, d);
      const rows = rowsAlong(directions, [8, 4, 2, 1], 3000, 1);
      const dims = 64;
      const { vectors, mean } = principalBasis(rows, 3000, d, dims);
      for (let a = 0; a < Math.min(dims, d); a++) {
        for (let b = a; b < Math.min(dims, d); b++) {
          const g = dot(column(vectors, d, dims, a), column(vectors, d, dims, b));
          // Beyond the data's rank (4 here) a direction may come out zero: the bounds allow for it.
          if (a !== b) expect(g).toBeCloseTo(0, 10);
          else if (a < 4 || g > 0.5) expect(g).toBeCloseTo(1, 10);
          else expect(g).toBe(0);
        }
      }
      for (let f = 0; f < 4; f++) {
        expect(
          Math.abs(dot(column(vectors, d, dims, f), directions[f] as number[])),
        ).toBeGreaterThan(0.99);
      }
      expect(mean[0]).toBeCloseTo(3 + 0, 0);
    },
  );

  it('leaves the directions beyond the number of features zero', () => {
    const rows = rowsAlong(orthonormal(3, 3, 2), [3, 2, 1], 500, 4);
    const { vectors } = principalBasis(rows, 500, 3, 64);
    for (let c = 3; c < 64; c++) expect(column(vectors, 3, 64, c)).toEqual([0, 0, 0]);
  });
});

describe('symmetricEigen', () => {
  it('diagonalizes a symmetric matrix: A·v = λ·v for every column', () => {
    const n = 12;
    const random = seededRandom(3);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const v = random() - 0.5;
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    const { values, vectors } = symmetricEigen(a, n);
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += (a[i * n + j] as number) * (vectors[j * n + c] as number);
        expect(av).toBeCloseTo((values[c] as number) * (vectors[i * n + c] as number), 10);
      }
    }
  });
});
