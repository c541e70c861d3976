import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import {
  checkFloat32Weights,
  encodeDenseLayersModel,
  findDenseLayers,
  MODEL_JSON,
  readManifest,
  readModelJson,
  readWeights,
  WEIGHTS_BIN,
} from '@digitlab/tfjs-backend';
import type { MlpWeights } from './mlp-parameters.js';

export { MODEL_JSON, WEIGHTS_BIN };

const HIDDEN_LAYER = 'dense';
const OUTPUT_LAYER = 'dense_1';
const GENERATED_BY = '@digitlab/mlp (TensorFlow.js layers-model format)';

/**
 * Encode weights as what tfjs-layers' `model.save()` writes for
 * `sequential([dense({ units: h, activation: 'relu', inputShape: [d] }), dense({ units: k, activation: 'softmax' })])`,
 * so the files load with `tf.loadLayersModel` in a browser or Node. digitlab's metadata rides along
 * in `userDefinedMetadata`, which tfjs exposes as `model.getUserDefinedMetadata()`.
 */
export function encodeLayersModel(
  weights: MlpWeights,
  metadata: ModelMetadata,
): Record<string, Uint8Array> {
  return encodeDenseLayersModel({
    inputSize: weights.numFeatures,
    layers: [
      {
        name: HIDDEN_LAYER,
        units: weights.hiddenUnits,
        activation: 'relu',
        kernel: weights.kernel1,
        bias: weights.bias1,
      },
      {
        name: OUTPUT_LAYER,
        units: weights.numClasses,
        activation: 'softmax',
        kernel: weights.kernel2,
        bias: weights.bias2,
      },
    ],
    metadata,
    generatedBy: GENERATED_BY,
  });
}

/**
 * Read a Dense(relu) → Dense(softmax) LayersModel back, checking it against the artifact's metadata.
 * The hidden size comes from the file. Every problem is an ArtifactError naming the file and what
 * was expected.
 */
export function decodeLayersModel(
  files: Readonly<Record<string, Uint8Array>>,
  metadata: ModelMetadata,
): MlpWeights {
  const { numFeatures: d, numClasses: k } = metadata;
  const json = readModelJson(files);
  const fail = (message: string): never => {
    throw new ArtifactError(message, MODEL_JSON);
  };
  if (json.format !== 'layers-model') {
    fail(`expected "format": "layers-model", found ${JSON.stringify(json.format)}`);
  }
  const dense = findDenseLayers(json.modelTopology, 2, 'two Dense layers (hidden, output)', fail);
  const [hidden, output] = dense.configs as [Record<string, unknown>, Record<string, unknown>];
  const inputShape = dense.inputShape;
  const checkLayer = (config: Record<string, unknown>, which: string, activation: string) => {
    if (config.activation !== activation) {
      fail(
        `expected the ${which} Dense layer's activation to be '${activation}', found ${JSON.stringify(config.activation)}`,
      );
    }
    if (config.use_bias === false) {
      fail(`expected the ${which} Dense layer to use a bias, found use_bias false`);
    }
  };
  checkLayer(hidden, 'first (hidden)', 'relu');
  checkLayer(output, 'second (output)', 'softmax');
  const h = hidden.units;
  if (typeof h !== 'number' || !Number.isInteger(h) || h < 1) {
    fail(
      `expected the hidden Dense layer's units to be a positive integer, found ${JSON.stringify(h)}`,
    );
  }
  const hiddenUnits = h as number;
  if (output.units !== k) {
    fail(
      `expected the output Dense layer to have ${k} units (metadata.numClasses), found ${JSON.stringify(output.units)}`,
    );
  }
  if (inputShape !== undefined && inputShape[inputShape.length - 1] !== d) {
    fail(
      `expected input shape [null, ${d}] (metadata.numFeatures), found ${JSON.stringify(inputShape)}`,
    );
  }
  const userMetadata = json.userDefinedMetadata as Partial<ModelMetadata> | undefined;
  for (const key of ['numFeatures', 'numClasses'] as const) {
    if (userMetadata?.[key] !== undefined && userMetadata[key] !== metadata[key]) {
      fail(
        `userDefinedMetadata.${key} is ${JSON.stringify(userMetadata[key])}, but the artifact's metadata says ${metadata[key]}`,
      );
    }
  }
  const manifest = readManifest(json.weightsManifest, fail);
  const requireSpec = (
    layer: Record<string, unknown>,
    fallback: string,
    suffix: string,
    shape: readonly number[],
  ) => {
    const name = `${typeof layer.name === 'string' ? layer.name : fallback}/${suffix}`;
    const spec = manifest.weights.find((w) => w.name === name);
    if (!spec) {
      const found = manifest.weights.map((w) => `'${w.name}'`).join(', ') || 'none';
      return fail(`expected a weight named '${name}' in weightsManifest, found ${found}`);
    }
    if (spec.shape.length !== shape.length || spec.shape.some((s, i) => s !== shape[i])) {
      fail(
        `expected '${name}' to have shape [${shape.join(', ')}] (${d} features, ${hiddenUnits} hidden units, ${k} classes), found [${spec.shape.join(', ')}]`,
      );
    }
    return name;
  };
  const names = [
    requireSpec(hidden, HIDDEN_LAYER, 'kernel', [d, hiddenUnits]),
    requireSpec(hidden, HIDDEN_LAYER, 'bias', [hiddenUnits]),
    requireSpec(output, OUTPUT_LAYER, 'kernel', [hiddenUnits, k]),
    requireSpec(output, OUTPUT_LAYER, 'bias', [k]),
  ] as const;
  if (manifest.weights.length !== names.length) {
    fail(
      `expected exactly the 4 weights ${names.map((n) => `'${n}'`).join(', ')} in weightsManifest, found ${manifest.weights.length}`,
    );
  }
  checkFloat32Weights(manifest, fail);
  const read = readWeights(files, manifest);
  return {
    numFeatures: d,
    hiddenUnits,
    numClasses: k,
    kernel1: read.get(names[0]) as Float32Array,
    bias1: read.get(names[1]) as Float32Array,
    kernel2: read.get(names[2]) as Float32Array,
    bias2: read.get(names[3]) as Float32Array,
  };
}
