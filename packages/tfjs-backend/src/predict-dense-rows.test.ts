import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backend.js';
import type { DenseLayer } from './dense-stack.js';
import { predictDenseClasses, predictDenseProbabilities } from './predict-dense-rows.js';

// The numbers are checked against tfjs-layers and float64 loops in dense-layers-model.test.ts;
// here, what the stack must look like.
beforeAll(async () => {
  await useBackend('cpu');
});

const softmax: DenseLayer = {
  units: 2,
  activation: 'softmax',
  kernel: new Float32Array(6),
  bias: Float32Array.of(0, Math.log(3)),
};

describe('predictDenseProbabilities and predictDenseClasses', () => {
  it('apply a softmax output layer row by row', () => {
    const features = new Float32Array(2 * 3);
    const p = predictDenseProbabilities({ inputSize: 3, layers: [softmax] }, features);
    expect(Array.from(p)).toEqual([0.25, 0.75, 0.25, 0.75].map((v) => expect.closeTo(v, 6)));
    expect(Array.from(predictDenseClasses({ inputSize: 3, layers: [softmax] }, features))).toEqual([
      1, 1,
    ]);
  });

  it('refuse stacks they cannot run, naming the layer', () => {
    const features = new Float32Array(3);
    expect(() =>
      predictDenseClasses(
        { inputSize: 3, layers: [{ ...softmax, activation: 'sigmoid' }] },
        features,
      ),
    ).toThrow("expected a last layer with activation 'softmax', found 'sigmoid'");
    const tanh = {
      units: 3,
      activation: 'tanh',
      kernel: new Float32Array(9),
      bias: new Float32Array(3),
    };
    expect(() =>
      predictDenseProbabilities({ inputSize: 3, layers: [tanh, { ...softmax }] }, features),
    ).toThrow("expected hidden layer 1 to have activation 'relu' or 'linear', found 'tanh'");
    expect(() => predictDenseProbabilities({ inputSize: 4, layers: [softmax] }, features)).toThrow(
      'expected layer 1 to have a 4×2 kernel and 2 biases, found 6 and 2 values',
    );
  });
});
