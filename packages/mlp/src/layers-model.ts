import { type DenseLayer, denseLayersModelFormat } from '@digitlab/tfjs-backend';
import type { MlpWeights } from './mlp-parameters.js';

/**
 * The network as tfjs-layers sees it:
 * `sequential([dense({ units: h, activation: 'relu', inputShape: [d] }), dense({ units: k, activation: 'softmax' })])`.
 * `denseStack` predicts with it; `encodeLayersModel` writes the files its `model.save()` writes (they
 * load with `tf.loadLayersModel`, digitlab's metadata in `userDefinedMetadata`); `decodeLayersModel`
 * reads them back, checked against the artifact's metadata, with the hidden size from the file.
 */
export const {
  denseStack,
  encode: encodeLayersModel,
  decode: decodeLayersModel,
} = denseLayersModelFormat<MlpWeights>({
  generatedBy: '@digitlab/mlp (TensorFlow.js layers-model format)',
  activations: ['relu', 'softmax'],
  layers: (weights) => [
    { units: weights.hiddenUnits, kernel: weights.kernel1, bias: weights.bias1 },
    { units: weights.numClasses, kernel: weights.kernel2, bias: weights.bias2 },
  ],
  weights: (layers, metadata) => {
    const [hidden, output] = layers as [DenseLayer, DenseLayer];
    return {
      numFeatures: metadata.numFeatures,
      hiddenUnits: hidden.units,
      numClasses: metadata.numClasses,
      kernel1: hidden.kernel,
      bias1: hidden.bias,
      kernel2: output.kernel,
      bias2: output.bias,
    };
  },
});
