import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import { seededRandom } from '@digitlab/core/testing';
import { useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeLayersModel, encodeLayersModel, MODEL_JSON, WEIGHTS_BIN } from './layers-model.js';
import { DEFAULT_OPTIONS } from './options.js';
import type { DenseWeights } from './parameters.js';
import { SoftmaxRegressionClassifier } from './softmax-regression-classifier.js';
import { maxAbsDifference } from './test-support/reference-objective.js';

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

function randomWeights(seed = 1): DenseWeights {
  const random = seededRandom(seed);
  return {
    numFeatures: 4,
    numClasses: 3,
    kernel: Float32Array.from({ length: 12 }, () => random() * 4 - 2),
    bias: Float32Array.from({ length: 3 }, () => random() - 0.5),
  };
}

const inputs = Float32Array.from({ length: 5 * 4 }, (_, i) => Math.sin(i) * 3);

interface Json {
  format: string;
  modelTopology: { config: { layers: { config: Record<string, unknown> }[] } };
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
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

async function ourProbabilities(weights: DenseWeights): Promise<Float32Array> {
  const classifier = new SoftmaxRegressionClassifier('softmax-regression', DEFAULT_OPTIONS, {
    weights,
    metadata,
  });
  return classifier.predictProba(inputs);
}

async function tfjsProbabilities(model: tfl.LayersModel): Promise<Float32Array> {
  const x = tf.tensor2d(inputs, [5, 4]);
  const y = model.predict(x) as tf.Tensor;
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

describe('the LayersModel files', () => {
  it('round-trip the weights exactly and carry the metadata', () => {
    const weights = randomWeights();
    const files = encodeLayersModel(weights, metadata);
    expect(Object.keys(files).sort()).toEqual([MODEL_JSON, WEIGHTS_BIN]);
    expect(files[WEIGHTS_BIN]?.byteLength).toBe((12 + 3) * 4);
    const decoded = decodeLayersModel(files, metadata);
    expect(Array.from(decoded.kernel)).toEqual(Array.from(weights.kernel));
    expect(Array.from(decoded.bias)).toEqual(Array.from(weights.bias));
    const json = modelJson(files);
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toEqual([
      {
        paths: ['weights.bin'],
        weights: [
          { name: 'dense/kernel', shape: [4, 3], dtype: 'float32' },
          { name: 'dense/bias', shape: [3], dtype: 'float32' },
        ],
      },
    ]);
    expect(json.userDefinedMetadata).toEqual(metadata);
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
    expect(model.layers).toHaveLength(1);
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
      layers: [tfl.layers.dense({ units: 3, activation: 'softmax', inputShape: [4] })],
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
    const [kernel, bias] = model.getWeights() as [tf.Tensor, tf.Tensor];
    expect(Array.from(decoded.kernel)).toEqual(Array.from(kernel.dataSync()));
    expect(Array.from(decoded.bias)).toEqual(Array.from(bias.dataSync()));
    model.dispose();
  });

  describe('reject corrupt or mismatched files with an ArtifactError', () => {
    const files = encodeLayersModel(randomWeights(), metadata);
    const cases: [string, () => unknown, RegExp][] = [
      [
        'a kernel of the wrong shape',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.weightsManifest[0]!.weights[0]!.shape = [5, 3];
            }),
            metadata,
          ),
        /expected 'dense\/kernel' to have shape \[4, 3\].*found \[5, 3\]/,
      ],
      [
        'weights.bin shorter than the manifest',
        () =>
          decodeLayersModel(
            { ...files, [WEIGHTS_BIN]: files[WEIGHTS_BIN]?.slice(0, 56) as Uint8Array },
            metadata,
          ),
        /weights\.bin: expected 60 bytes of float32 weights.*found 56/,
      ],
      [
        'weights.bin longer than the manifest',
        () => decodeLayersModel({ ...files, [WEIGHTS_BIN]: new Uint8Array(64) }, metadata),
        /expected 60 bytes.*found 64/,
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
        /expected a weight named 'dense\/bias' in weightsManifest, found 'dense\/kernel'/,
      ],
      [
        'a non-softmax activation',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.modelTopology.config.layers[0]!.config.activation = 'relu';
            }),
            metadata,
          ),
        /model\.json: expected the Dense layer's activation to be 'softmax', found "relu"/,
      ],
      [
        'more classes in the metadata than units',
        () =>
          decodeLayersModel(files, {
            ...metadata,
            numClasses: 4,
            classNames: ['a', 'b', 'c', 'd'],
          }),
        /expected the Dense layer to have 4 units \(metadata\.numClasses\), found 3/,
      ],
      [
        'a different input size than the metadata',
        () => decodeLayersModel(files, { ...metadata, numFeatures: 5, imageShape: [5] }),
        /expected input shape \[null, 5\].*found \[null,4\]/,
      ],
      [
        'userDefinedMetadata that disagrees on numClasses',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              j.userDefinedMetadata.numClasses = 7;
            }),
            metadata,
          ),
        /userDefinedMetadata\.numClasses is 7, but the artifact's metadata says 3/,
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
          new DataView(bytes.buffer).setFloat32(8, Number.NaN, true);
          return decodeLayersModel({ ...files, [WEIGHTS_BIN]: bytes }, metadata);
        },
        /expected finite weights, found NaN at 'dense\/kernel'\[2\]/,
      ],
      [
        'two layers',
        () =>
          decodeLayersModel(
            withJson(files, (j) => {
              const layers = j.modelTopology.config.layers;
              layers.push(layers[0]!);
            }),
            metadata,
          ),
        /expected exactly one Dense layer, found \["Dense", "Dense"\]/,
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
