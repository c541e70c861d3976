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
import type { DenseWeights } from './parameters.js';

export { MODEL_JSON, WEIGHTS_BIN };

const LAYER_NAME = 'dense';
const GENERATED_BY = '@digitlab/softmax-regression (TensorFlow.js layers-model format)';

/**
 * Encode weights as what tfjs-layers' `model.save()` writes for
 * `sequential([dense({ units: k, activation: 'softmax', inputShape: [d] })])`, so the files load
 * with `tf.loadLayersModel` in a browser or Node. digitlab's metadata rides along in
 * `userDefinedMetadata`, which tfjs exposes as `model.getUserDefinedMetadata()`.
 */
export function encodeLayersModel(
  weights: DenseWeights,
  metadata: ModelMetadata,
): Record<string, Uint8Array> {
  return encodeDenseLayersModel({
    inputSize: weights.numFeatures,
    layers: [
      {
        name: LAYER_NAME,
        units: weights.numClasses,
        activation: 'softmax',
        kernel: weights.kernel,
        bias: weights.bias,
      },
    ],
    metadata,
    generatedBy: GENERATED_BY,
  });
}

/**
 * Read a Dense-softmax LayersModel back, checking it against the artifact's metadata. Every
 * problem is an ArtifactError naming the file and what was expected.
 */
export function decodeLayersModel(
  files: Readonly<Record<string, Uint8Array>>,
  metadata: ModelMetadata,
): DenseWeights {
  const { numFeatures: d, numClasses: k } = metadata;
  const json = readModelJson(files);
  const fail = (message: string): never => {
    throw new ArtifactError(message, MODEL_JSON);
  };
  if (json.format !== 'layers-model') {
    fail(`expected "format": "layers-model", found ${JSON.stringify(json.format)}`);
  }
  const dense = findDenseLayers(json.modelTopology, 1, 'one Dense layer', fail);
  const config = dense.configs[0] as Record<string, unknown>;
  if (config.activation !== 'softmax') {
    fail(
      `expected the Dense layer's activation to be 'softmax', found ${JSON.stringify(config.activation)}`,
    );
  }
  if (config.use_bias === false)
    fail('expected the Dense layer to use a bias, found use_bias false');
  if (config.units !== k) {
    fail(
      `expected the Dense layer to have ${k} units (metadata.numClasses), found ${JSON.stringify(config.units)}`,
    );
  }
  const inputShape = dense.inputShape;
  if (inputShape !== undefined && inputShape[inputShape.length - 1] !== d) {
    fail(
      `expected input shape [null, ${d}] (metadata.numFeatures), found ${JSON.stringify(inputShape)}`,
    );
  }
  const userMetadata = json.userDefinedMetadata as Partial<ModelMetadata> | undefined;
  if (userMetadata?.numClasses !== undefined && userMetadata.numClasses !== k) {
    fail(
      `userDefinedMetadata.numClasses is ${JSON.stringify(userMetadata.numClasses)}, but the artifact's metadata says ${k}`,
    );
  }
  const layerName = typeof config.name === 'string' ? config.name : LAYER_NAME;
  const manifest = readManifest(json.weightsManifest, fail);
  const requireSpec = (suffix: string, shape: readonly number[]): string => {
    const name = `${layerName}/${suffix}`;
    const spec = manifest.weights.find((w) => w.name === name);
    if (!spec) {
      const found = manifest.weights.map((w) => `'${w.name}'`).join(', ') || 'none';
      return fail(`expected a weight named '${name}' in weightsManifest, found ${found}`);
    }
    if (spec.shape.length !== shape.length || spec.shape.some((s, i) => s !== shape[i])) {
      fail(
        `expected '${name}' to have shape [${shape.join(', ')}] (${d} features × ${k} classes from metadata), found [${spec.shape.join(', ')}]`,
      );
    }
    return name;
  };
  const kernelName = requireSpec('kernel', [d, k]);
  const biasName = requireSpec('bias', [k]);
  checkFloat32Weights(manifest, fail);
  const read = readWeights(files, manifest);
  const kernel = read.get(kernelName) as Float32Array;
  const bias = read.get(biasName) as Float32Array;
  return { numFeatures: d, numClasses: k, kernel, bias };
}
