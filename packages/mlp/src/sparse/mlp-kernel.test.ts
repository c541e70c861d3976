import { compressRows } from '@digitlab/kernels';
import { describe, expect, it } from 'vitest';
import { MlpKernel } from './mlp-kernel.js';

describe('MlpKernel.fromRows', () => {
  // 7 rows of 5, row 2 blank, row 6 full.
  const d = 5;
  const n = 7;
  const matrix = Float32Array.from({ length: n * d }, (_, i) => {
    const row = Math.floor(i / d);
    if (row === 2) return 0;
    if (row === 6) return i + 1;
    return (i * 7) % 3 === 0 ? i / 10 : 0;
  });
  const shape = { numFeatures: d, hiddenUnits: 3, numClasses: 2 };
  const expected = MlpKernel.fromMatrix(matrix, n, shape).rows();
  const share = (first: number, end: number) =>
    compressRows(matrix.subarray(first * d, end * d), end - first, d);

  it('joins chunks of consecutive rows (some empty) into the rows one compression gives', () => {
    for (const cuts of [
      [0, 7],
      [0, 3, 7],
      [0, 0, 2, 3, 3, 6, 7],
      [0, 1, 2, 3, 4, 5, 6, 7],
    ]) {
      const chunks = cuts.slice(1).map((end, c) => share(cuts[c] as number, end));
      const joined = MlpKernel.fromRows(chunks, shape);
      expect(joined.numRows).toBe(n);
      const rows = joined.rows();
      expect(Array.from(rows.rowStart)).toEqual(Array.from(expected.rowStart));
      expect(Array.from(rows.columns)).toEqual(Array.from(expected.columns));
      expect(Array.from(rows.values)).toEqual(Array.from(expected.values));
    }
  });

  it('refuses a chunk of another width, naming both', () => {
    const other = compressRows(new Float32Array(8), 2, 4);
    expect(() => MlpKernel.fromRows([share(0, 3), other], shape)).toThrow(
      'MlpKernel.fromRows: expected rows of 5 features, found 4',
    );
  });
});
