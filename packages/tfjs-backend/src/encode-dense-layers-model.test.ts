import { describe, expect, it } from 'vitest';
import { encodeDenseLayersModel } from './encode-dense-layers-model.js';
import {
  findDenseLayers,
  MODEL_JSON,
  readManifest,
  readModelJson,
  readWeights,
  WEIGHTS_BIN,
} from './layers-model-files.js';

const fail = (message: string): never => {
  throw new Error(message);
};

describe('encodeDenseLayersModel', () => {
  const hidden = {
    name: 'dense',
    units: 3,
    activation: 'relu',
    kernel: Float32Array.of(1, 2, 3, 4, 5, 6),
    bias: Float32Array.of(0.5, -0.5, 0),
  };
  const output = {
    name: 'dense_1',
    units: 2,
    activation: 'softmax',
    kernel: Float32Array.of(-1, 1, 0.25, -0.25, 2, -2),
    bias: Float32Array.of(0.1, 0.2),
  };
  const files = encodeDenseLayersModel({
    inputSize: 2,
    layers: [hidden, output],
    metadata: { numClasses: 2 },
    generatedBy: 'test',
  });

  it('writes a Sequential topology the reader finds again, with the input shape on the first layer', () => {
    const json = readModelJson(files);
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toBe('test');
    expect(json.userDefinedMetadata).toEqual({ numClasses: 2 });
    const dense = findDenseLayers(json.modelTopology, 2, 'two Dense layers', fail);
    expect(dense.inputShape).toEqual([null, 2]);
    expect(dense.configs.map((c) => [c.name, c.units, c.activation])).toEqual([
      ['dense', 3, 'relu'],
      ['dense_1', 2, 'softmax'],
    ]);
  });

  it('writes each kernel then bias as little-endian float32 in manifest order', () => {
    const json = readModelJson(files);
    const manifest = readManifest(json.weightsManifest, fail);
    expect(manifest.paths).toEqual([WEIGHTS_BIN]);
    expect(manifest.weights.map((w) => [w.name, w.shape])).toEqual([
      ['dense/kernel', [2, 3]],
      ['dense/bias', [3]],
      ['dense_1/kernel', [3, 2]],
      ['dense_1/bias', [2]],
    ]);
    const weights = readWeights(files, manifest);
    expect(Array.from(weights.get('dense/kernel') ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(weights.get('dense_1/bias') ?? [])).toEqual([0.1, 0.2].map(Math.fround));
    expect(files[WEIGHTS_BIN]?.length).toBe((6 + 3 + 6 + 2) * 4);
    expect(new TextDecoder().decode(files[MODEL_JSON]).endsWith('}\n')).toBe(true);
  });

  it('refuses weights whose sizes do not chain from the input', () => {
    expect(() =>
      encodeDenseLayersModel({
        inputSize: 3,
        layers: [hidden],
        metadata: {},
        generatedBy: 'test',
      }),
    ).toThrow(/expected layer 'dense' to have a 3×3 kernel and 3 biases, found 6 and 3 values/);
  });
});
