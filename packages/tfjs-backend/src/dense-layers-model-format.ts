import type { ModelMetadata } from '@digitlab/core';
import { decodeDenseLayersModel } from './decode-dense-layers-model.js';
import type { DenseLayer, DenseStack } from './dense-stack.js';
import { type DenseLayerWeights, encodeDenseLayersModel } from './encode-dense-layers-model.js';

/** One layer's values as a plugin's weights hold them; the format adds its name and activation. */
export type DenseLayerValues = Pick<DenseLayer, 'units' | 'kernel' | 'bias'>;

/** How a plugin's weights map to a Sequential stack of Dense layers, and back. */
export interface DenseLayersModelSpec<W> {
  /** model.json's `generatedBy`: the plugin's package and the format. */
  readonly generatedBy: string;
  /** Each layer's activation, input to output: 'relu' or 'linear' for hidden layers, then 'softmax'. */
  readonly activations: readonly string[];
  /** The weights' layers, input to output, one per activation. */
  layers(weights: W): readonly DenseLayerValues[];
  /** The weights of layers read back from files already checked against `metadata`. */
  weights(layers: readonly DenseLayer[], metadata: ModelMetadata): W;
}

/** A plugin's weights as a Dense stack (to predict with) and as TensorFlow.js LayersModel files. */
export interface DenseLayersModelFormat<W> {
  /** The layers as tfjs-layers names them in a Sequential model: dense, dense_1, … */
  denseStack(weights: W): DenseStack<DenseLayerWeights>;
  /**
   * The files tfjs-layers' `model.save()` writes for the stack, so they load with
   * `tf.loadLayersModel` in a browser or Node. digitlab's metadata rides along in
   * `userDefinedMetadata`, which tfjs exposes as `model.getUserDefinedMetadata()`.
   */
  encode(weights: W, metadata: ModelMetadata): Record<string, Uint8Array>;
  /**
   * Read the files back, checking them against the artifact's metadata (hidden sizes come from the
   * files). Every problem is an ArtifactError naming the file and what was expected.
   */
  decode(files: Readonly<Record<string, Uint8Array>>, metadata: ModelMetadata): W;
}

/** The LayersModel format of a plugin whose model is a stack of Dense layers on `numFeatures` inputs. */
export function denseLayersModelFormat<W extends { readonly numFeatures: number }>(
  spec: DenseLayersModelSpec<W>,
): DenseLayersModelFormat<W> {
  const denseStack = (weights: W): DenseStack<DenseLayerWeights> => ({
    inputSize: weights.numFeatures,
    layers: spec.layers(weights).map((layer, i) => ({
      name: i === 0 ? 'dense' : `dense_${i}`,
      units: layer.units,
      activation: spec.activations[i] as string,
      kernel: layer.kernel,
      bias: layer.bias,
    })),
  });
  return {
    denseStack,
    encode: (weights, metadata) =>
      encodeDenseLayersModel({ ...denseStack(weights), metadata, generatedBy: spec.generatedBy }),
    decode: (files, metadata) =>
      spec.weights(decodeDenseLayersModel(files, metadata, spec.activations).layers, metadata),
  };
}
