import { seededRandom } from '@digitlab/core/testing';
import { checkWatModule } from '@digitlab/kernels/testing';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_ROWS,
  classStride,
  SoftmaxKernel,
  softmaxKernelBytes,
  softmaxKernelSupported,
} from './softmax-kernel.js';

/** n×d with about `density` of the entries nonzero, values in [−2, 2]. */
function sparseMatrix(n: number, d: number, density: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n * d }, () => (random() < density ? random() * 4 - 2 : 0));
}

function parameters(d: number, k: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: d * k + k }, () => random() * 2 - 1);
}

describe('the WebAssembly kernel binary', () => {
  it('runs on this engine (WebAssembly SIMD)', () => {
    expect(softmaxKernelSupported()).toBe(true);
  });

  it('is exactly what softmax-kernel.wat assembles to', () => {
    const at = (file: string) => new URL(file, import.meta.url);
    checkWatModule(
      at('softmax-kernel.wat'),
      at('softmax-kernel-binary.ts'),
      'SOFTMAX_KERNEL_BASE64',
    );
  });
});

describe('SoftmaxKernel', () => {
  // 9 ≤ k ≤ 12 runs the register kernels (k = 12 fills all three vectors); other k the generic ones.
  it.each([2, 10, 12, 13, 20])('computes logits XW + b and Xᵀ·R like plain loops (k = %i)', (k) => {
    const n = 2 * BLOCK_ROWS + 17;
    const d = 23;
    const matrix = sparseMatrix(n, d, 0.3, k);
    const x = parameters(d, k, 100 + k);
    const kernel = SoftmaxKernel.fromMatrix(matrix, new Uint8Array(n), n, d, k);
    expect(kernel.stride).toBe(classStride(k));
    kernel.setParameters(x);
    const random = seededRandom(7);
    const residuals = Float64Array.from({ length: n * k }, () => random() - 0.5);
    const expectedGradient = new Float64Array(d * k);
    for (let first = 0; first < n; first += BLOCK_ROWS) {
      const count = Math.min(BLOCK_ROWS, n - first);
      const logits = kernel.logits('all', first, count);
      for (let r = 0; r < count; r++) {
        const i = first + r;
        for (let c = 0; c < k; c++) {
          let z = x[d * k + c] as number;
          for (let j = 0; j < d; j++) z += (matrix[i * d + j] as number) * (x[j * k + c] as number);
          expect(logits[r * kernel.stride + c]).toBeCloseTo(z, 4);
          // Overwrite with a residual, as the objective does, for the backward pass.
          logits[r * kernel.stride + c] = residuals[i * k + c] as number;
          for (let j = 0; j < d; j++) {
            expectedGradient[j * k + c] =
              (expectedGradient[j * k + c] as number) +
              (matrix[i * d + j] as number) * Math.fround(residuals[i * k + c] as number);
          }
        }
      }
      kernel.accumulate('all', first, count);
    }
    const gradient = new Float64Array(d * k + k);
    kernel.takeGradient(gradient);
    for (let i = 0; i < d * k; i++)
      expect(gradient[i]).toBeCloseTo(expectedGradient[i] as number, 4);
    // Taking the gradient resets the total.
    kernel.takeGradient(gradient);
    expect(gradient.every((g) => g === 0)).toBe(true);
  });

  it('covers exactly the staged batch rows, in their order', () => {
    const n = 40;
    const d = 7;
    const k = 3;
    const matrix = sparseMatrix(n, d, 0.5, 3);
    const labels = Uint8Array.from({ length: n }, (_, i) => i % k);
    const kernel = SoftmaxKernel.fromMatrix(matrix, labels, n, d, k);
    kernel.setParameters(parameters(d, k, 4));
    const all = Float32Array.from(kernel.logits('all', 0, n));
    const allSums = [0, 39, 12].map((i) => {
      kernel.logits('all', i, 1);
      return kernel.softmax('all', i, 1);
    });
    kernel.stageBatch(Uint32Array.of(39, 0, 12, 12));
    const batch = kernel.logits('batch', 0, 4);
    const s = kernel.stride;
    for (const [r, i] of [39, 0, 12, 12].entries()) {
      expect(Array.from(batch.subarray(r * s, r * s + k))).toEqual(
        Array.from(all.subarray(i * s, i * s + k)),
      );
    }
    // The batch's labels follow its rows: the same losses as those rows in the full list.
    const batchSums = kernel.softmax('batch', 0, 3);
    expect(batchSums.lossSum).toBeCloseTo(
      (allSums[1]?.lossSum as number) +
        (allSums[0]?.lossSum as number) +
        (allSums[2]?.lossSum as number),
      5,
    );
  });

  it.each([3, 10, 13])(
    'turns logits into residuals, loss and bias sums like float64 softmax (k = %i)',
    (k) => {
      const n = BLOCK_ROWS;
      const d = 6;
      const matrix = sparseMatrix(n, d, 0.5, 40 + k);
      const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % k);
      const kernel = SoftmaxKernel.fromMatrix(matrix, labels, n, d, k);
      // Wide logits, up to ±60: exp's range reduction is exercised well beyond [−1, 1].
      kernel.setParameters(parameters(d, k, 50 + k).map((v) => v * 12));
      // `softmax` works in place: the view of the logits holds the residuals afterwards.
      const residuals = kernel.logits('all', 0, n);
      const logits = Float64Array.from(residuals);
      const s = kernel.stride;
      const sums = kernel.softmax('all', 0, n);
      let lossSum = 0;
      let correct = 0;
      const bias = new Float64Array(k);
      for (let r = 0; r < n; r++) {
        const z = Array.from(logits.subarray(r * s, r * s + k));
        const max = Math.max(...z);
        const total = z.reduce((acc, v) => acc + Math.exp(v - max), 0);
        const label = labels[r] as number;
        lossSum += Math.log(total) + max - (z[label] as number);
        if (z.indexOf(max) === label) correct++;
        for (let c = 0; c < k; c++) {
          const expected = Math.exp((z[c] as number) - max) / total - (c === label ? 1 : 0);
          expect(Math.abs((residuals[r * s + c] as number) - expected)).toBeLessThan(2e-6);
          bias[c] = (bias[c] as number) + expected;
        }
        // Padding lanes hold zero residuals, so they add nothing to the gradient.
        for (let c = k; c < s; c++) expect(residuals[r * s + c]).toBe(0);
      }
      expect(sums.correct).toBe(correct);
      expect(Math.abs(sums.lossSum - lossSum)).toBeLessThan(1e-5 * lossSum);
      const gradient = new Float64Array(d * k + k);
      kernel.takeGradient(gradient);
      for (let c = 0; c < k; c++) expect(gradient[d * k + c]).toBeCloseTo(bias[c] as number, 4);
    },
  );

  it('handles blank rows and an all-zero matrix (logits are the bias)', () => {
    const kernel = SoftmaxKernel.fromMatrix(new Float32Array(5 * 4), new Uint8Array(5), 5, 4, 3);
    expect(kernel.nonzeros).toBe(0);
    kernel.setParameters(Float64Array.from({ length: 15 }, (_, i) => (i >= 12 ? i : 99)));
    const logits = kernel.logits('all', 0, 5);
    for (let r = 0; r < 5; r++)
      expect(Array.from(logits.subarray(r * 4, r * 4 + 3))).toEqual([12, 13, 14]);
    kernel.accumulate('all', 0, 5);
    const gradient = new Float64Array(15);
    kernel.takeGradient(gradient);
    expect(gradient.every((g) => g === 0)).toBe(true);
  });

  it('refuses blocks outside its rows and batch indices out of range', () => {
    const kernel = SoftmaxKernel.fromMatrix(new Float32Array(10 * 2), new Uint8Array(10), 10, 2, 2);
    expect(() => kernel.logits('all', 5, 6)).toThrow(
      /at most 256 rows within 10, found rows 5..10/,
    );
    expect(() => kernel.logits('all', 0, BLOCK_ROWS + 1)).toThrow(/at most 256 rows/);
    expect(() => kernel.setParameters(new Float64Array(4))).toThrow(
      /expected 6 parameters \(2×2 weights, then 2 biases\), found 4/,
    );
    expect(() => kernel.stageBatch(Uint32Array.of(3, 10))).toThrow(
      /expected row indices below 10, found 10 at position 1/,
    );
    expect(() => SoftmaxKernel.fromMatrix(new Float32Array(4), new Uint8Array(2), 2, 2, 0)).toThrow(
      /expected between 1 and 256 classes, found 0/,
    );
    expect(() =>
      SoftmaxKernel.fromMatrix(new Float32Array(4), Uint8Array.of(0, 2), 2, 2, 2),
    ).toThrow(/expected labels below 2, found 2 at row 1/);
    expect(() => SoftmaxKernel.fromMatrix(new Float32Array(4), new Uint8Array(3), 2, 2, 2)).toThrow(
      /expected 2 labels, one per row, found 3/,
    );
  });

  it('sizes its memory from rows, nonzeros and classes', () => {
    // 6 bytes per stored entry and 8 per row (offset, index list, batch slot) dominate.
    const small = softmaxKernelBytes(1000, 0, 784, 10);
    expect(softmaxKernelBytes(1000, 10_000, 784, 10) - small).toBe(60_000);
    expect(softmaxKernelBytes(60_000, 8_994_156, 784, 10)).toBeLessThan(60 * 2 ** 20);
  });
});
