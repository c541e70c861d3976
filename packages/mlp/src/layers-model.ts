import type { ModelMetadata } from '@digitlab/core';
import {
  type DenseLayerWeights,
  type DenseStack,
  decodeDenseLayersModel,
  encodeDenseLayersModel,
  MODEL_JSON,
  WEIGHTS_BIN,
} from '@digitlab/tfjs-backend';
import type { MlpWeights } from './mlp-parameters.js';

export { MODEL_JSON, WEIGHTS_BIN };

const GENERATED_BY = '@digitlab/mlp (TensorFlow.js layers-model format)';

/**
 * The network as tfjs-layers sees it:
 * `sequential([dense({ units: h, activation: 'relu', inputShape: [d] }), dense({ units: k, activation: 'softmax' })])`.
 */
export function denseStack(weights: MlpWeights): DenseStack<DenseLayerWeights> {
  return {
    inputSize: weights.numFeatures,
    layers: [
      {
        name: 'dense',
        units: weights.hiddenUnits,
        activation: 'relu',
        kernel: weights.kernel1,
        bias: weights.bias1,
      },
      {
        name: 'dense_1',
        units: weights.numClasses,
        activation: 'softmax',
        kernel: weights.kernel2,
        bias: weights.bias2,
      },
    ],
  };
}

/**
 * Encode weights as the files tfjs-layers' `model.save()` writes for the network, so they load
 * with `tf.loadLayersModel` in a browser or Node. digitlab's metadata rides along in
 * `userDefinedMetadata`, which tfjs exposes as `model.getUserDefinedMetadata()`.
 */
export function encodeLayersModel(
  weights: MlpWeights,
  metadata: ModelMetadata,
): Record<string, Uint8Array> {
  return encodeDenseLayersModel({ ...denseStack(weights), metadata, generatedBy: GENERATED_BY });
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
  const [hidden, output] = decodeDenseLayersModel(files, metadata, ['relu', 'softmax']).layers as [
    DenseLayerWeights,
    DenseLayerWeights,
  ];
  return {
    numFeatures: metadata.numFeatures,
    hiddenUnits: hidden.units,
    numClasses: metadata.numClasses,
    kernel1: hidden.kernel,
    bias1: hidden.bias,
    kernel2: output.kernel,
    bias2: output.bias,
  };
}
