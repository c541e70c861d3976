import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import { useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLayersModel, encodeLayersModel, MODEL_JSON, WEIGHTS_BIN } from './layers-model.js';
import { MlpClassifier } from './mlp-classifier.js';
import type { MlpWeights } from './mlp-parameters.js';
import { DEFAULT_OPTIONS } from './options.js';
import { seededRandom } from './seeded-random.js';
import { maxAbsDifference } from './test-support/reference-mlp.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const metadata: ModelMetadata = {
  numFeatures: 4,
  numClasses: 3,
  classNames: ['a', 'b', 'c'],
  imageShape: [2, 2],
  preprocessing: [{ kind: 'scale', factor: 1 / 255 }],
  dataset: 'toy',
  metrics: { trainAccuracy: 0.5 },
};

function randomWeights(seed = 1): MlpWeights {
  const random = seededRandom(seed);
  const values = (n: number) => Float32Array.from({ length: n }, () => random() * 4 - 2);
  return {
    numFeatures: 4,
    hiddenUnits: 5,
    numClasses: 3,
    kernel1: values(20),
    bias1: values(5),
    kernel2: values(15),
    bias2: values(3),
  };
}

const inputs = Float32Array.from({ length: 6 * 4 }, (_, i) => Math.sin(i) * 3);

interface Json {
  format: string;
  modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  weightsManifest: {
    paths: string[];
    weights: { name: string; shape: number[]; dtype: string }[];
  }[];
  userDefinedMetadata: Record<string, unknown>;
}
function modelJson(files: Record<string, Uint8Array>): Json {
  return JSON.parse(new TextDecoder().decode(files[MODEL_JSON]));
}
function withJson(files: Record<string, Uint8Array>, edit: (json: Json) => void) {
  const json = modelJson(files);
  edit(json);
  return { ...files, [MODEL_JSON]: new TextEncoder().encode(JSON.stringify(json)) };
}

async function ourProbabilities(weights: MlpWeights): Promise<Float32Array> {
  const classifier = new MlpClassifier(
    'mlp',
    { ...DEFAULT_OPTIONS, backend: 'cpu' },
    {
      weights,
      metadata,
    },
  );
  return classifier.predictProba(inputs);
}

async function tfjsProbabilities(model: tfl.LayersModel): Promise<Float32Array> {
  const x = tf.tensor2d(inputs, [6, 4]);
  const y = model.predict(x) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

/** softmax(relu(xW1 + b1)W2 + b2) in float64 loops, independent of tensors. */
function plainProbabilities(w: MlpWeights): Float64Array {
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = w;
  const n = inputs.length / d;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const hidden = Array.from({ length: h }, (_, j) => {
      let z = w.bias1[j] as number;
      for (let f = 0; f < d; f++)
        z += (inputs[i * d + f] as number) * (w.kernel1[f * h + j] as number);
      return Math.max(0, z);
    });
    const logits = Array.from({ length: k }, (_, c) => {
      let z = w.bias2[c] as number;
      for (let j = 0; j < h; j++) z += (hidden[j] as number) * (w.kernel2[j * k + c] as number);
      return z;
    });
    const max = Math.max(...logits);
    const sum = logits.reduce((s, z) => s + Math.exp(z - max), 0);
    for (let c = 0; c < k; c++) out[i * k + c] = Math.exp((logits[c] as number) - max) / sum;
  }
  return out;
}

describe('the LayersModel files', () => {
  it('round-trip the weights exactly and carry the metadata', () => {
    const weights = randomWeights();
    const files = encodeLayersModel(weights, metadata);
    expect(Object.keys(files).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]);
    expect(files[WEIGHTS_BIN]?.byteLength).toBe((20 + 5 + 15 + 3) * 4);
    const decoded = decodeLayersModel(files, metadata);
    expect(decoded.hiddenUnits).toBe(5);
    for (const key of ['kernel1', 'bias1', 'kernel2', 'bias2'] as const) {
      expect(Array.from(decoded[key]), key).toEqual(Array.from(weights[key]));
    }
    const json = modelJson(files);
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toEqual([
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'dense/kernel', shape: [4, 5], dtype: 'float32' },
          { name: 'dense/bias', shape: [5], dtype: 'float32' },
          { name: 'dense_1/kernel', shape: [5, 3], dtype: 'float32' },
          { name: 'dense_1/bias', shape: [3], dtype: 'float32' },
        ],
      },
    ]);
    expect(json.userDefinedMetadata).toEqual(metadata);
  });

  it('predict the probabilities of the network they describe', async () => {
    const weights = randomWeights(4);
    expect(
      maxAbsDifference(await ourProbabilities(weights), plainProbabilities(weights)),
    ).toBeLessThan(1e-6);
  });

  it('load in tfjs-layers from memory and predict the same probabilities', async () => {
    const weights = randomWeights(2);
    const files = encodeLayersModel(weights, metadata);
    const bytes = files[WEIGHTS_BIN] as Uint8Array;
    const artifacts = await tf.io.getModelArtifactsForJSON(
      modelJson(files) as unknown as tf.io.ModelJSON,
      async (manifest) => [
        manifest.flatMap((group) => group.weights),
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      ],
    );
    const model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(model.layers).toHaveLength(2);
    expect(model.getUserDefinedMetadata()).toEqual(metadata);
    const expected = await ourProbabilities(weights);
    expect(maxAbsDifference(await tfjsProbabilities(model), expected)).toBeLessThan(1e-5);
    model.dispose();
  });

  it('load with tf.loadLayersModel over HTTP, as a browser would', async () => {
    const weights = randomWeights(3);
    const files = encodeLayersModel(weights, metadata);
    const server = createServer((request, response) => {
      const body = files[(request.url ?? '').replace(/^\//, '')];
      response.writeHead(body ? 200 : 404).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const model = await tfl.loadLayersModel(`http://127.0.0.1:${port}/model.json`);
      const expected = await ourProbabilities(weights);
      expect(maxAbsDifference(await tfjsProbabilities(model), expected)).toBeLessThan(1e-5);
      model.dispose();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('decode a model that tfjs-layers itself saved', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 7, activation: 'relu', inputShape: [4] }),
        tfl.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const a = saved as tf.io.ModelArtifacts;
    const json = {
      modelTopology: a.modelTopology,
      format: a.format,
      generatedBy: a.generatedBy,
      convertedBy: a.convertedBy,
      weightsManifest: [{ paths: ['./model.weights.bin'], weights: a.weightSpecs }],
    };
    const files = {
      [MODEL_JSON]: new TextEncoder().encode(JSON.stringify(json)),
      'model.weights.bin': new Uint8Array(a.weightData as ArrayBuffer),
    };
    const decoded = decodeLayersModel(files, metadata);
    expect(decoded.hiddenUnits).toBe(7);
    const [k1, b1, k2, b2] = model.getWeights() as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    expect(Array.from(decoded.kernel1)).toEqual(Array.from(k1.dataSync()));
    expect(Array.from(decoded.bias1)).toEqual(Array.from(b1.dataSync()));
    expect(Array.from(decoded.kernel2)).toEqual(Array.from(k2.dataSync()));
    expect(Array.from(decoded.bias2)).toEqual(Array.from(b2.dataSync()));
    expect(
      maxAbsDifference(await ourProbabilities(decoded), await tfjsProbabilities(model)),
    ).toBeLessThan(1e-5);
    model.dispose();
  });

  describe('reject corrupt or mismatched files with an ArtifactError', () => {
    const files = encodeLayersModel(randomWeights(), metadata);
    const cases: [string, () => unknown, RegExp][] = [
      [
        'a hidden kernel of the wrong shape',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.weightsManifest[0]!.weights[0]!.shape = [5, 5];
            }),
            metadata,
          ),
        /expected 'dense\/kernel' to have shape \[4, 5\].*found \[5, 5\]/,
      ],
      [
        'an output kernel that disagrees with the hidden size',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.weightsManifest[0]!.weights[2]!.shape = [6, 3];
            }),
            metadata,
          ),
        /expected 'dense_1\/kernel' to have shape \[5, 3\] \(4 features, 5 hidden units, 3 classes\), found \[6, 3\]/,
      ],
      [
        'weights.bin shorter than the manifest',
        () =>
          decodeLayersModel(
            { ...files, [WEIGHTS_BIN]: files[WEIGHTS_BIN]?.slice(0, 168) as Uint8Array },
            metadata,
          ),
        /weights\.bin: expected 172 bytes of float32 weights.*found 168/,
      ],
      [
        'weights.bin longer than the manifest',
        () => decodeLayersModel({ ...files, [WEIGHTS_BIN]: new Uint8Array(176) }, metadata),
        /expected 172 bytes.*found 176/,
      ],
      [
        'a missing weight',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.weightsManifest[0]!.weights.pop();
            }),
            metadata,
          ),
        /expected a weight named 'dense_1\/bias' in weightsManifest, found 'dense\/kernel', 'dense\/bias', 'dense_1\/kernel'/,
      ],
      [
        'a hidden layer that is not ReLU',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.modelTopology.config.layers[0]!.config.activation = 'tanh';
            }),
            metadata,
          ),
        /model\.json: expected the first \(hidden\) Dense layer's activation to be 'relu', found "tanh"/,
      ],
      [
        'an output layer that is not softmax',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.modelTopology.config.layers[1]!.config.activation = 'linear';
            }),
            metadata,
          ),
        /expected the second \(output\) Dense layer's activation to be 'softmax', found "linear"/,
      ],
      [
        'more classes in the metadata than output units',
        () =>
          decodeLayersModel(files, {
            ...metadata,
            numClasses: 4,
            classNames: ['a', 'b', 'c', 'd'],
          }),
        /expected the output Dense layer to have 4 units \(metadata\.numClasses\), found 3/,
      ],
      [
        'a different input size than the metadata',
        () => decodeLayersModel(files, { ...metadata, numFeatures: 5, imageShape: [5] }),
        /expected input shape \[null, 5\].*found \[null,4\]/,
      ],
      [
        'userDefinedMetadata that disagrees on numFeatures',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.userDefinedMetadata.numFeatures = 9;
            }),
            metadata,
          ),
        /userDefinedMetadata\.numFeatures is 9, but the artifact's metadata says 4/,
      ],
      [
        'a missing weights file',
        () => decodeLayersModel({ [MODEL_JSON]: files[MODEL_JSON] as Uint8Array }, metadata),
        /expected the weights file 'weights\.bin' named in weightsManifest, found it missing/,
      ],
      [
        'a missing model.json',
        () => decodeLayersModel({ [WEIGHTS_BIN]: files[WEIGHTS_BIN] as Uint8Array }, metadata),
        /expected the file model\.json, found only weights\.bin/,
      ],
      [
        'invalid JSON',
        () =>
          decodeLayersModel({ ...files, [MODEL_JSON]: new TextEncoder().encode('{') }, metadata),
        /model\.json: expected valid JSON/,
      ],
      [
        'another format',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.format = 'graph-model';
            }),
            metadata,
          ),
        /expected "format": "layers-model", found "graph-model"/,
      ],
      [
        'a non-finite weight',
        () => {
          const bytes = (files[WEIGHTS_BIN] as Uint8Array).slice();
          // Floats 0–19 are W1, so float 21 is b1[1].
          new DataView(bytes.buffer).setFloat32(21 * 4, Number.NaN, true);
          return decodeLayersModel({ ...files, [WEIGHTS_BIN]: bytes }, metadata);
        },
        /expected finite weights, found NaN at 'dense\/bias'\[1\]/,
      ],
      [
        'a single Dense layer (a softmax-regression model)',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.modelTopology.config.layers.shift();
            }),
            metadata,
          ),
        /expected exactly two Dense layers \(hidden, output\), found \["Dense"\]/,
      ],
      [
        'a quantized weight',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              (j.weightsManifest[0]!.weights[1] as Record<string, unknown>).quantization = {
                dtype: 'uint8',
              };
            }),
            metadata,
          ),
        /expected unquantized weights, found quantization on 'dense\/bias'/,
      ],
    ];
    for (const [what, run, message] of cases) {
      it(what, () => {
        let error: unknown;
        try {
          run();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ArtifactError);
        expect((error as Error).message).toMatch(message);
      });
    }
  });
});
