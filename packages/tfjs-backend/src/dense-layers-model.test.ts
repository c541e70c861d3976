import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import { seededRandom } from '@digitlab/core/testing';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from './backend.js';
import { decodeDenseLayersModel } from './decode-dense-layers-model.js';
import type { DenseStack } from './dense-stack.js';
import { type DenseLayerWeights, encodeDenseLayersModel } from './encode-dense-layers-model.js';
import { MODEL_JSON, WEIGHTS_BIN } from './layers-model-files.js';
import { predictDenseClasses, predictDenseProbabilities } from './predict-dense-rows.js';

/**
 * The LayersModel files of both plugins that write them: softmax regression (one Dense softmax
 * layer) and the MLP (Dense relu → Dense softmax), written, read back, loaded by tfjs-layers and
 * rejected when corrupt, with the same expectations for both.
 */

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

interface Model {
  readonly name: string;
  readonly activations: readonly string[];
  readonly hiddenUnits: readonly number[];
  /** How the decoder words layer i in its messages. */
  readonly which: readonly string[];
  /** The sizes the decoder names in shape messages. */
  readonly sizes: string;
  /** The same architecture built by tfjs-layers (with its own hidden size), to save. */
  readonly tfjsLayers: () => tfl.layers.Layer[];
  /** Checks only this architecture has. */
  readonly extraCases: readonly Case[];
}

type Case = readonly [
  what: string,
  edit: (files: Files) => Files,
  message: RegExp,
  /** The artifact's metadata, when the case is a mismatch with it. */
  meta?: ModelMetadata,
];
type Files = Record<string, Uint8Array>;

const models: readonly Model[] = [
  {
    name: 'softmax regression: one Dense softmax layer',
    activations: ['softmax'],
    hiddenUnits: [],
    which: ['the Dense layer'],
    sizes: '4 features, 3 classes',
    tfjsLayers: () => [tfl.layers.dense({ units: 3, activation: 'softmax', inputShape: [4] })],
    extraCases: [],
  },
  {
    name: 'mlp: Dense relu → Dense softmax',
    activations: ['relu', 'softmax'],
    hiddenUnits: [5],
    which: ['the first \\(hidden\\) Dense layer', 'the second \\(output\\) Dense layer'],
    sizes: '4 features, 5 hidden units, 3 classes',
    tfjsLayers: () => [
      tfl.layers.dense({ units: 7, activation: 'relu', inputShape: [4] }),
      tfl.layers.dense({ units: 3, activation: 'softmax' }),
    ],
    extraCases: [
      [
        'a hidden layer that is not ReLU',
        (files) =>
          withJson(files, (j) => {
            j.modelTopology.config.layers[0]!.config.activation = 'tanh';
          }),
        /model\.json: expected the first \(hidden\) Dense layer's activation to be 'relu', found "tanh"/,
      ],
      [
        'an output kernel that disagrees with the hidden size',
        (files) =>
          withJson(files, (j) => {
            j.weightsManifest[0]!.weights[2]!.shape = [6, 3];
          }),
        /expected 'dense_1\/kernel' to have shape \[5, 3\] \(4 features, 5 hidden units, 3 classes\), found \[6, 3\]/,
      ],
      [
        'a hidden size that is not a positive integer',
        (files) =>
          withJson(files, (j) => {
            j.modelTopology.config.layers[0]!.config.units = 0;
          }),
        /expected the first \(hidden\) Dense layer's units to be a positive integer, found 0/,
      ],
    ],
  },
];

function randomStack(model: Model, seed: number): DenseStack<DenseLayerWeights> {
  const random = seededRandom(seed);
  const values = (n: number) => Float32Array.from({ length: n }, () => random() * 4 - 2);
  let inputs = metadata.numFeatures;
  const units = [...model.hiddenUnits, metadata.numClasses];
  return {
    inputSize: metadata.numFeatures,
    layers: units.map((u, i) => {
      const layer = {
        name: i === 0 ? 'dense' : `dense_${i}`,
        units: u,
        activation: model.activations[i] as string,
        kernel: values(inputs * u),
        bias: values(u),
      };
      inputs = u;
      return layer;
    }),
  };
}

const encode = (stack: DenseStack<DenseLayerWeights>): Files =>
  encodeDenseLayersModel({ ...stack, metadata, generatedBy: 'test' });

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
function modelJson(files: Files): Json {
  return JSON.parse(new TextDecoder().decode(files[MODEL_JSON]));
}
function withJson(files: Files, edit: (json: Json) => void): Files {
  const json = modelJson(files);
  edit(json);
  return { ...files, [MODEL_JSON]: new TextEncoder().encode(JSON.stringify(json)) };
}

/** softmax(… relu(x W1 + b1) … Wn + bn) in float64 loops, independent of tensors. */
function plainProbabilities(stack: DenseStack): Float64Array {
  const n = inputs.length / stack.inputSize;
  const k = stack.layers.at(-1)!.units;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let a = Array.from(inputs.subarray(i * stack.inputSize, (i + 1) * stack.inputSize));
    stack.layers.forEach((layer, l) => {
      a = Array.from({ length: layer.units }, (_, j) => {
        let z = layer.bias[j] as number;
        for (let f = 0; f < a.length; f++)
          z += (a[f] as number) * (layer.kernel[f * layer.units + j] as number);
        return l < stack.layers.length - 1 ? Math.max(0, z) : z;
      });
    });
    const max = Math.max(...a);
    const sum = a.reduce((s, z) => s + Math.exp(z - max), 0);
    for (let c = 0; c < k; c++) out[i * k + c] = Math.exp((a[c] as number) - max) / sum;
  }
  return out;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++)
    max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

async function tfjsProbabilities(model: tfl.LayersModel): Promise<Float32Array> {
  const x = tf.tensor2d(inputs, [6, 4]);
  const y = model.predict(x) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

describe.each(models)('the LayersModel files of $name', (model) => {
  const decode = (files: Files, meta: ModelMetadata = metadata) =>
    decodeDenseLayersModel(files, meta, model.activations);
  const count = model.activations.length;
  const floats = randomStack(model, 1).layers.reduce((n, l) => n + l.kernel.length + l.units, 0);

  it('round-trip the weights exactly and carry the metadata', () => {
    const stack = randomStack(model, 1);
    const files = encode(stack);
    expect(Object.keys(files).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]);
    expect(files[WEIGHTS_BIN]?.byteLength).toBe(floats * 4);
    const decoded = decode(files);
    expect(decoded.inputSize).toBe(4);
    expect(decoded.layers.map((l) => [l.name, l.units, l.activation])).toEqual(
      stack.layers.map((l) => [l.name, l.units, l.activation]),
    );
    decoded.layers.forEach((layer, i) => {
      expect(Array.from(layer.kernel)).toEqual(Array.from(stack.layers[i]!.kernel));
      expect(Array.from(layer.bias)).toEqual(Array.from(stack.layers[i]!.bias));
    });
    const json = modelJson(files);
    expect(json.format).toBe('layers-model');
    let fanIn = 4;
    expect(json.weightsManifest).toEqual([
      {
        paths: ['weights.bin'],
        weights: stack.layers.flatMap((l) => {
          const specs = [
            { name: `${l.name}/kernel`, shape: [fanIn, l.units], dtype: 'float32' },
            { name: `${l.name}/bias`, shape: [l.units], dtype: 'float32' },
          ];
          fanIn = l.units;
          return specs;
        }),
      },
    ]);
    expect(json.userDefinedMetadata).toEqual(metadata);
  });

  it('predict the probabilities and classes of the network they describe, in any row chunks', () => {
    const stack = decode(encode(randomStack(model, 4)));
    const plain = plainProbabilities(stack);
    const before = tf.memory().numTensors;
    const probabilities = predictDenseProbabilities(stack, inputs);
    expect(maxAbsDifference(probabilities, plain)).toBeLessThan(1e-6);
    const classes = predictDenseClasses(stack, inputs);
    for (let i = 0; i < 6; i++) {
      const row = Array.from(plain.subarray(i * 3, i * 3 + 3));
      expect(classes[i]).toBe(row.indexOf(Math.max(...row)));
    }
    for (const chunkRows of [1, 4, 17]) {
      expect(Array.from(predictDenseProbabilities(stack, inputs, chunkRows))).toEqual(
        Array.from(probabilities),
      );
      expect(Array.from(predictDenseClasses(stack, inputs, chunkRows))).toEqual(
        Array.from(classes),
      );
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('load in tfjs-layers from memory and predict the same probabilities', async () => {
    const stack = randomStack(model, 2);
    const files = encode(stack);
    const bytes = files[WEIGHTS_BIN] as Uint8Array;
    const artifacts = await tf.io.getModelArtifactsForJSON(
      modelJson(files) as unknown as tf.io.ModelJSON,
      async (manifest) => [
        manifest.flatMap((group) => group.weights),
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      ],
    );
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(loaded.layers).toHaveLength(count);
    expect(loaded.getUserDefinedMetadata()).toEqual(metadata);
    const ours = predictDenseProbabilities(stack, inputs);
    expect(maxAbsDifference(await tfjsProbabilities(loaded), ours)).toBeLessThan(1e-5);
    loaded.dispose();
  });

  it('load with tf.loadLayersModel over HTTP, as a browser would', async () => {
    const stack = randomStack(model, 3);
    const files = encode(stack);
    const server = createServer((request, response) => {
      const body = files[(request.url ?? '').replace(/^\//, '')];
      response.writeHead(body ? 200 : 404).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const loaded = await tfl.loadLayersModel(`http://127.0.0.1:${port}/model.json`);
      const ours = predictDenseProbabilities(stack, inputs);
      expect(maxAbsDifference(await tfjsProbabilities(loaded), ours)).toBeLessThan(1e-5);
      loaded.dispose();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('decode a model that tfjs-layers itself saved', async () => {
    const saved = tfl.sequential({ layers: model.tfjsLayers() });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await saved.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const a = artifacts as tf.io.ModelArtifacts;
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
    const decoded = decode(files);
    const weights = saved.getWeights();
    expect(weights).toHaveLength(2 * count);
    decoded.layers.forEach((layer, i) => {
      expect(Array.from(layer.kernel)).toEqual(Array.from(weights[2 * i]!.dataSync()));
      expect(Array.from(layer.bias)).toEqual(Array.from(weights[2 * i + 1]!.dataSync()));
    });
    expect(
      maxAbsDifference(predictDenseProbabilities(decoded, inputs), await tfjsProbabilities(saved)),
    ).toBeLessThan(1e-5);
    saved.dispose();
  });

  describe('reject corrupt or mismatched files with an ArtifactError', () => {
    const files = encode(randomStack(model, 1));
    const bytes = floats * 4;
    const last = count === 1 ? 'dense' : `dense_${count - 1}`;
    const output = model.which[count - 1] as string;
    const firstUnits = model.hiddenUnits[0] ?? 3;
    const names = randomStack(model, 1).layers.flatMap((l) => [
      `${l.name}/kernel`,
      `${l.name}/bias`,
    ]);
    const quoted = (list: string[]) => list.map((n) => `'${n.replace('/', '\\/')}'`).join(', ');
    const dense = (n: number) => Array.from({ length: n }, () => '"Dense"').join(', ');
    const cases: Case[] = [
      [
        'a first kernel of the wrong shape',
        (f) =>
          withJson(f, (j) => {
            j.weightsManifest[0]!.weights[0]!.shape = [5, firstUnits];
          }),
        new RegExp(
          `expected 'dense\\/kernel' to have shape \\[4, ${firstUnits}\\] \\(${model.sizes}\\), found \\[5, ${firstUnits}\\]`,
        ),
      ],
      [
        'weights.bin shorter than the manifest',
        (f) => ({ ...f, [WEIGHTS_BIN]: f[WEIGHTS_BIN]?.slice(0, bytes - 4) as Uint8Array }),
        new RegExp(`weights\\.bin: expected ${bytes} bytes of float32 weights.*found ${bytes - 4}`),
      ],
      [
        'weights.bin longer than the manifest',
        (f) => ({ ...f, [WEIGHTS_BIN]: new Uint8Array(bytes + 4) }),
        new RegExp(`expected ${bytes} bytes.*found ${bytes + 4}`),
      ],
      [
        'a missing weight',
        (f) =>
          withJson(f, (j) => {
            j.weightsManifest[0]!.weights.pop();
          }),
        new RegExp(
          `expected a weight named '${last}\\/bias' in weightsManifest, found ${quoted(names.slice(0, -1))}$`,
        ),
      ],
      [
        'a weight the architecture does not have',
        (f) =>
          withJson(f, (j) => {
            j.weightsManifest[0]!.weights.push({ name: 'extra', shape: [1], dtype: 'float32' });
          }),
        new RegExp(
          `expected exactly the ${names.length} weights ${quoted(names)} in weightsManifest, found ${names.length + 1}`,
        ),
      ],
      [
        'an output layer that is not softmax',
        (f) =>
          withJson(f, (j) => {
            j.modelTopology.config.layers[count - 1]!.config.activation = 'linear';
          }),
        new RegExp(`model\\.json: expected ${output}'s activation to be 'softmax', found "linear"`),
      ],
      [
        'a layer without a bias',
        (f) =>
          withJson(f, (j) => {
            j.modelTopology.config.layers[count - 1]!.config.use_bias = false;
          }),
        new RegExp(`expected ${output} to use a bias, found use_bias false`),
      ],
      [
        'more classes in the metadata than output units',
        (f) => f,
        new RegExp(`expected ${output} to have 4 units \\(metadata\\.numClasses\\), found 3`),
        { ...metadata, numClasses: 4, classNames: ['a', 'b', 'c', 'd'] },
      ],
      [
        'a different input size than the metadata',
        (f) => f,
        /expected input shape \[null, 5\].*found \[null,4\]/,
        { ...metadata, numFeatures: 5, imageShape: [5] },
      ],
      [
        'userDefinedMetadata that disagrees on numClasses',
        (f) =>
          withJson(f, (j) => {
            j.userDefinedMetadata.numClasses = 7;
          }),
        /userDefinedMetadata\.numClasses is 7, but the artifact's metadata says 3/,
      ],
      [
        'userDefinedMetadata that disagrees on numFeatures',
        (f) =>
          withJson(f, (j) => {
            j.userDefinedMetadata.numFeatures = 9;
          }),
        /userDefinedMetadata\.numFeatures is 9, but the artifact's metadata says 4/,
      ],
      [
        'a missing weights file',
        (f) => ({ [MODEL_JSON]: f[MODEL_JSON] as Uint8Array }),
        /expected the weights file 'weights\.bin' named in weightsManifest, found it missing/,
      ],
      [
        'a missing model.json',
        (f) => ({ [WEIGHTS_BIN]: f[WEIGHTS_BIN] as Uint8Array }),
        /expected the file model\.json, found only weights\.bin/,
      ],
      [
        'invalid JSON',
        (f) => ({ ...f, [MODEL_JSON]: new TextEncoder().encode('{') }),
        /model\.json: expected valid JSON/,
      ],
      [
        'another format',
        (f) =>
          withJson(f, (j) => {
            j.format = 'graph-model';
          }),
        /expected "format": "layers-model", found "graph-model"/,
      ],
      [
        'a non-finite kernel entry',
        (f) => {
          const b = (f[WEIGHTS_BIN] as Uint8Array).slice();
          new DataView(b.buffer).setFloat32(2 * 4, Number.NaN, true);
          return { ...f, [WEIGHTS_BIN]: b };
        },
        /expected finite weights, found NaN at 'dense\/kernel'\[2\]/,
      ],
      [
        'a non-finite bias entry',
        (f) => {
          const b = (f[WEIGHTS_BIN] as Uint8Array).slice();
          // The first kernel has 4 × firstUnits floats; the next float after them is bias[0].
          new DataView(b.buffer).setFloat32(
            (4 * firstUnits + 1) * 4,
            Number.POSITIVE_INFINITY,
            true,
          );
          return { ...f, [WEIGHTS_BIN]: b };
        },
        /expected finite weights, found Infinity at 'dense\/bias'\[1\]/,
      ],
      [
        'one Dense layer more',
        (f) =>
          withJson(f, (j) => {
            const layers = j.modelTopology.config.layers;
            layers.push(layers.at(-1)!);
          }),
        new RegExp(
          `expected exactly ${count === 1 ? 'one Dense layer' : 'two Dense layers \\(hidden, output\\)'}, found \\[${dense(count + 1)}\\]`,
        ),
      ],
      [
        'one Dense layer fewer',
        (f) =>
          withJson(f, (j) => {
            j.modelTopology.config.layers.shift();
          }),
        new RegExp(`expected exactly .*, found \\[${dense(count - 1)}\\]`),
      ],
      [
        // Found by fuzzing: the message named no file (it began with ': expected …').
        'a weights group without paths',
        (f) =>
          withJson(f, (j) => {
            j.weightsManifest[0]!.paths = [];
          }),
        /^model\.json: expected weightsManifest\[0\]\.paths to be a non-empty array of file names, found \[\]$/,
      ],
      [
        'a quantized weight',
        (f) =>
          withJson(f, (j) => {
            (j.weightsManifest[0]!.weights[1] as Record<string, unknown>).quantization = {
              dtype: 'uint8',
            };
          }),
        /expected unquantized weights, found quantization on 'dense\/bias'/,
      ],
      ...model.extraCases,
    ];
    for (const [what, edit, message, meta] of cases) {
      it(what, () => {
        let error: unknown;
        try {
          decode(edit(files), meta);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ArtifactError);
        expect((error as Error).message).toMatch(message);
      });
    }
  });
});
