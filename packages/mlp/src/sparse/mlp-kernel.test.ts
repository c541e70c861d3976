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
