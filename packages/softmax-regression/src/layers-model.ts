import { type DenseLayer, denseLayersModelFormat } from '@digitlab/tfjs-backend/browser';
import type { DenseWeights } from './parameters.js';

/**
 * The model as tfjs-layers sees it: `sequential([dense({ units: k, activation: 'softmax', inputShape: [d] })])`.
 * `denseStack` predicts with it; `encodeLayersModel` writes the files its `model.save()` writes (they
 * load with `tf.loadLayersModel`, digitlab's metadata in `userDefinedMetadata`); `decodeLayersModel`
 * reads them back, checked against the artifact's metadata.
 */
export const {
  denseStack,
  encode: encodeLayersModel,
  decode: decodeLayersModel,
} = denseLayersModelFormat<DenseWeights>({
  generatedBy: '@digitlab/softmax-regression (TensorFlow.js layers-model format)',
  activations: ['softmax'],
  layers: (weights) => [{ units: weights.numClasses, kernel: weights.kernel, bias: weights.bias }],
  weights: (layers, metadata) => {
    const [dense] = layers as [DenseLayer];
    return {
      numFeatures: metadata.numFeatures,
      numClasses: metadata.numClasses,
      kernel: dense.kernel,
      bias: dense.bias,
    };
  },
});
