import type { ModelMetadata } from '@digitlab/core';
import {
  type DenseLayerWeights,
  type DenseStack,
  decodeDenseLayersModel,
  encodeDenseLayersModel,
  MODEL_JSON,
  WEIGHTS_BIN,
} from '@digitlab/tfjs-backend/browser';
import type { DenseWeights } from './parameters.js';

export { MODEL_JSON, WEIGHTS_BIN };

const GENERATED_BY = '@digitlab/softmax-regression (TensorFlow.js layers-model format)';

/** The model as tfjs-layers sees it: `sequential([dense({ units: k, activation: 'softmax', inputShape: [d] })])`. */
export function denseStack(weights: DenseWeights): DenseStack<DenseLayerWeights> {
  return {
    inputSize: weights.numFeatures,
    layers: [
      {
        name: 'dense',
        units: weights.numClasses,
        activation: 'softmax',
        kernel: weights.kernel,
        bias: weights.bias,
      },
    ],
  };
}

/**
 * Encode weights as the files tfjs-layers' `model.save()` writes for the model, so they load with
 * `tf.loadLayersModel` in a browser or Node. digitlab's metadata rides along in
 * `userDefinedMetadata`, which tfjs exposes as `model.getUserDefinedMetadata()`.
 */
export function encodeLayersModel(
  weights: DenseWeights,
  metadata: ModelMetadata,
): Record<string, Uint8Array> {
  return encodeDenseLayersModel({ ...denseStack(weights), metadata, generatedBy: GENERATED_BY });
}

/**
 * Read a Dense-softmax LayersModel back, checking it against the artifact's metadata. Every
 * problem is an ArtifactError naming the file and what was expected.
 */
export function decodeLayersModel(
  files: Readonly<Record<string, Uint8Array>>,
  metadata: ModelMetadata,
): DenseWeights {
  const [dense] = decodeDenseLayersModel(files, metadata, ['softmax']).layers as [
    DenseLayerWeights,
  ];
  return {
    numFeatures: metadata.numFeatures,
    numClasses: metadata.numClasses,
    kernel: dense.kernel,
    bias: dense.bias,
  };
}
