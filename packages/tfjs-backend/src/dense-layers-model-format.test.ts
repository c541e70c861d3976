import type { ModelMetadata } from '@digitlab/core';
import { describe, expect, it } from 'vitest';
import { type DenseLayer, denseLayersModelFormat, MODEL_JSON } from './index.js';

interface TwoLayers {
  readonly numFeatures: number;
  readonly hidden: DenseLayer;
  readonly output: DenseLayer;
}

const format = denseLayersModelFormat<TwoLayers>({
  generatedBy: 'a test',
  activations: ['linear', 'softmax'],
  layers: (w) => [w.hidden, w.output],
  weights: (layers, metadata) => {
    const [hidden, output] = layers as [DenseLayer, DenseLayer];
    return { numFeatures: metadata.numFeatures, hidden, output };
  },
});

const metadata: ModelMetadata = {
  numFeatures: 2,
  numClasses: 2,
  classNames: ['a', 'b'],
  imageShape: [2],
  preprocessing: [],
};
const weights: TwoLayers = {
  numFeatures: 2,
  hidden: {
    units: 3,
    activation: 'ignored',
    kernel: new Float32Array(6).fill(0.5),
    bias: Float32Array.of(1, 2, 3),
  },
  output: {
    units: 2,
    activation: 'ignored',
    kernel: new Float32Array(6).fill(-1),
    bias: Float32Array.of(4, 5),
  },
};

describe('denseLayersModelFormat', () => {
  it('names and activates the layers as tfjs-layers would, and reads its files back', () => {
    const stack = format.denseStack(weights);
    expect(stack.inputSize).toBe(2);
    expect(stack.layers.map((l) => [l.name, l.units, l.activation])).toEqual([
      ['dense', 3, 'linear'],
      ['dense_1', 2, 'softmax'],
    ]);
    const files = format.encode(weights, metadata);
    const json = JSON.parse(new TextDecoder().decode(files[MODEL_JSON]));
    expect(json.generatedBy).toBe('a test');
    expect(json.userDefinedMetadata).toEqual(metadata);
    const back = format.decode(files, metadata);
    expect(back.numFeatures).toBe(2);
    expect(Array.from(back.hidden.bias)).toEqual([1, 2, 3]);
    expect(Array.from(back.output.kernel)).toEqual(Array(6).fill(-1));
    expect(back.output.activation).toBe('softmax');
  });
});
