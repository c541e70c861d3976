import { seededRandom } from '@digitlab/datasets';
import { compressRows } from '@digitlab/kernels';
import { describe, expect, it } from 'vitest';
import { glorotUniformParameters } from '../glorot-uniform.js';
import { HIDDEN_VARIANTS, MlpKernel } from './mlp-kernel.js';

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

describe('the forward sparse product', () => {
  /** A kernel over n random rows of d features (a third nonzero), its parameters set. */
  function kernelFor(d: number, h: number, n: number, seed: number) {
    const random = seededRandom(seed);
    const matrix = Float32Array.from({ length: n * d }, () =>
      random() < 0.33 ? random() * 2 - 1 : 0,
    );
    const shape = { numFeatures: d, hiddenUnits: h, numClasses: 3 };
    const kernel = MlpKernel.fromMatrix(matrix, n, shape);
    // Biases away from zero, so the ReLU keeps a share of each row.
    const x = Float64Array.from(glorotUniformParameters(shape, seed), (v) => v + 0.05);
    kernel.setParameters(x);
    return kernel;
  }

  // h = 7 runs only 4-unit tails; 13 and 36 tiles of 16 and tails; 64 and 100 every tile width.
  it.each([7, 13, 36, 64, 100])('gives the same bits in every variant (h = %i)', (h) => {
    const kernel = kernelFor(41, h, 90, h);
    // An odd number of nonzeros in some rows: the two-a-turn variants' last single nonzero.
    kernel.stageBatch(Uint32Array.from({ length: 60 }, (_, i) => (i * 17) % 90));
    const outputs = HIDDEN_VARIANTS.map((_, v) => {
      kernel.hiddenChoice.keep(v);
      kernel.hiddenLayer('batch', 0, 60);
      return Array.from(kernel.hiddenActivations(60));
    });
    expect(outputs[0]!.some((a) => a > 0)).toBe(true);
    expect(outputs[0]!.some((a) => a === 0)).toBe(true);
    for (const output of outputs.slice(1)) expect(output).toEqual(outputs[0]);
  });

  it('times its variants on the first blocks and then keeps one', () => {
    const kernel = kernelFor(30, 20, 64, 3);
    expect(kernel.hiddenChoice.chosen).toBeUndefined();
    for (let b = 0; b < 144; b++) kernel.hiddenLayer('all', 0, 64);
    expect(HIDDEN_VARIANTS[kernel.hiddenChoice.chosen!]).toBeDefined();
    expect(kernel.hiddenChoice.timing).toBe(false);
  });
});
