import { seededRandom } from '@digitlab/datasets';
import { softmaxResidualRows } from '@digitlab/tfjs-backend';
import { describe, expect, it } from 'vitest';
import { MLP_BLOCK_ROWS, MlpKernel } from './mlp-kernel.js';

/** A kernel whose logits block we fill by hand (the rows themselves do not matter here). */
function kernelFor(numClasses: number): MlpKernel {
  const shape = { numFeatures: 3, hiddenUnits: 4, numClasses };
  return MlpKernel.fromMatrix(new Float32Array(3 * MLP_BLOCK_ROWS), MLP_BLOCK_ROWS, shape);
}

describe("the kernel's softmax residuals", () => {
  it.each([2, 3, 10, 13])(
    'match the float64 softmaxResidualRows for %i classes, ignoring the padding lanes',
    (k) => {
      const random = seededRandom(k);
      const kernel = kernelFor(k);
      const ks = kernel.classStride;
      const count = 200;
      kernel.hiddenLayer('all', 0, count);
      const block = kernel.outputLayer(count);
      const logits = new Float32Array(count * k);
      for (let r = 0; r < count; r++) {
        // Some rows spread wide (down to e^-80 against the max), some nearly uniform.
        const spread = r % 3 === 0 ? 80 : r % 3 === 1 ? 8 : 0.01;
        for (let c = 0; c < ks; c++) {
          const z = Math.fround((random() - 0.5) * spread + 40 * (random() - 0.5));
          // Padding lanes get large values: they must count for nothing.
          block[r * ks + c] = c < k ? z : 1e6;
          if (c < k) logits[r * k + c] = z;
        }
      }
      const labels = Uint8Array.from({ length: count }, (_, r) => (r * 7) % k);
      const expected = new Float32Array(count * k);
      const sums = new Float64Array(k);
      const reference = softmaxResidualRows(logits, labels, k, expected, sums);
      const lossSum = kernel.softmaxResidual(labels);
      expect(Math.abs(lossSum - reference.lossSum) / reference.lossSum).toBeLessThan(1e-6);
      let worst = 0;
      for (let r = 0; r < count; r++) {
        for (let c = 0; c < k; c++) {
          worst = Math.max(
            worst,
            Math.abs((block[r * ks + c] as number) - (expected[r * k + c] as number)),
          );
        }
        for (let c = k; c < ks; c++) expect(block[r * ks + c]).toBe(0);
      }
      // Residuals are in [-1, 1]: a few float32 ulps of 1.
      expect(worst).toBeLessThan(5e-7);
    },
  );

  it('gives a NaN loss (which stops a fit) for NaN or infinite logits', () => {
    const kernel = kernelFor(3);
    kernel.hiddenLayer('all', 0, 2);
    const block = kernel.outputLayer(2);
    block.set([0, Number.NaN, 1, 0, 1, 2, 3, 0]);
    expect(kernel.softmaxResidual(Uint8Array.of(0, 1))).toBeNaN();
    block.set([0, Number.POSITIVE_INFINITY, 1, 0, 1, 2, 3, 0]);
    expect(kernel.softmaxResidual(Uint8Array.of(0, 1))).toBeNaN();
  });
});
