import { seededRandom } from '@digitlab/datasets';
import { describe, expect, it } from 'vitest';
import { glorotUniformParameters } from '../glorot-uniform.js';
import { HIDDEN_VARIANTS, MlpKernel } from './mlp-kernel.js';

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

describe('the backward products', () => {
  const f = Math.fround;

  // k = 10 runs outer12 (class vectors of 12 lanes), k = 3 and 13 the general outer2; h = 7 runs
  // only hiddenGradient's 4-unit tail, 36 and 100 its 16-unit tiles and tails.
  it.each([
    [7, 10],
    [36, 10],
    [100, 10],
    [36, 3],
    [20, 13],
  ])(
    'add HᵀR, (RW2ᵀ ⊙ [H > 0]) sums and XᵀdZ1 in row and class order, bit for bit (h = %i, k = %i)',
    (h, k) => {
      const d = 29;
      const n = 50;
      const random = seededRandom(h * 31 + k);
      const matrix = Float32Array.from({ length: n * d }, () =>
        random() < 0.3 ? random() * 2 - 1 : 0,
      );
      const shape = { numFeatures: d, hiddenUnits: h, numClasses: k };
      const kernel = MlpKernel.fromMatrix(matrix, n, shape);
      kernel.setParameters(Float64Array.from(glorotUniformParameters(shape, 7), (v) => v + 0.02));
      const hs = kernel.hiddenStride;
      const ks = kernel.classStride;
      const batch = Uint32Array.from({ length: 37 }, (_, i) => (i * 13) % n);
      const count = batch.length;
      kernel.stageBatch(batch);
      kernel.hiddenLayer('batch', 0, count);
      kernel.outputLayer(count);
      // Residuals of either sign in the class lanes, zero in the padding (as softmax leaves them).
      const residuals = kernel.blockLogits(count);
      for (let r = 0; r < count; r++) {
        for (let c = 0; c < ks; c++) residuals[r * ks + c] = c < k ? f(random() * 2 - 1) : 0;
      }
      const hidden = Float32Array.from(kernel.hiddenActivations(count));
      expect(hidden.some((a) => a === 0)).toBe(true);
      expect(hidden.some((a) => a > 0)).toBe(true);
      const params = kernel.parameterBlock();
      const w2At = d * hs + hs;

      kernel.clearGradientSums();
      kernel.backwardOutput(count);
      kernel.backwardHidden('batch', 0, count);
      const sums = kernel.gradientSumsBlock();

      // dZ1 = R·W2ᵀ ⊙ [H > 0], each entry summed over classes in order from 0.
      const dz = new Float32Array(count * hs);
      for (let r = 0; r < count; r++) {
        for (let u = 0; u < hs; u++) {
          let acc = 0;
          for (let c = 0; c < k; c++) {
            acc = f(
              acc + f((residuals[r * ks + c] as number) * (params[w2At + u * ks + c] as number)),
            );
          }
          dz[r * hs + u] = (hidden[r * hs + u] as number) > 0 ? acc : 0;
        }
      }
      const expected = new Float32Array(sums.length);
      // W1's sums: row by row, each row's nonzeros in stored order.
      for (let r = 0; r < count; r++) {
        const { columns, values } = kernel.row(batch[r] as number);
        for (let e = 0; e < columns.length; e++) {
          const j = columns[e] as number;
          for (let u = 0; u < hs; u++) {
            const at = j * hs + u;
            expected[at] = f(
              (expected[at] as number) + f((values[e] as number) * (dz[r * hs + u] as number)),
            );
          }
        }
      }
      // b1's: Σ_r dZ1[r]; W2's: Σ_r H[r, j]·R[r], rows in order.
      for (let r = 0; r < count; r++) {
        for (let u = 0; u < hs; u++) {
          const at = d * hs + u;
          expected[at] = f((expected[at] as number) + (dz[r * hs + u] as number));
          for (let c = 0; c < ks; c++) {
            const g = w2At + u * ks + c;
            expected[g] = f(
              (expected[g] as number) +
                f((hidden[r * hs + u] as number) * (residuals[r * ks + c] as number)),
            );
          }
        }
      }
      // b2's sums are the caller's (addResidualSums), so they stay zero here.
      expect(Array.from(sums)).toEqual(Array.from(expected));
      expect(sums.some((g) => g !== 0)).toBe(true);
    },
  );
});
