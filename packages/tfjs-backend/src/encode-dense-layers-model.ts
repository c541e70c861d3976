import type { DenseLayer, DenseStack } from './dense-stack.js';
import { MODEL_JSON, WEIGHTS_BIN } from './layers-model-files.js';

/** tfjs-layers version the written topology claims (what digitlab depends on). */
const TFJS_LAYERS_VERSION = '4.22.0';

/** One Dense layer as a LayersModel file holds it: its weights under its name. */
export interface DenseLayerWeights extends DenseLayer {
  readonly name: string;
}

/** What `encodeDenseLayersModel` writes. */
export interface DenseLayersModel extends DenseStack<DenseLayerWeights> {
  /** Goes to `userDefinedMetadata`, which tfjs exposes as `model.getUserDefinedMetadata()`. */
  readonly metadata: unknown;
  /** model.json's `generatedBy`. */
  readonly generatedBy: string;
}

/**
 * Encode a stack of Dense layers as the files tfjs-layers' `model.save()` writes for
 * `sequential([dense({ units, activation, inputShape: [inputSize] }), dense(...), …])`: model.json
 * (topology and one weights manifest group) and weights.bin (each layer's kernel then bias,
 * little-endian float32), so `tf.loadLayersModel` loads them in a browser or in Node.
 */
export function encodeDenseLayersModel(model: DenseLayersModel): Record<string, Uint8Array> {
  let inputs = model.inputSize;
  const specs: { name: string; shape: number[]; dtype: 'float32' }[] = [];
  const layers = model.layers.map((layer, index) => {
    if (layer.kernel.length !== inputs * layer.units || layer.bias.length !== layer.units) {
      throw new RangeError(
        `encodeDenseLayersModel: expected layer '${layer.name}' to have a ${inputs}×${layer.units} kernel and ${layer.units} biases, found ${layer.kernel.length} and ${layer.bias.length} values`,
      );
    }
    specs.push(
      { name: `${layer.name}/kernel`, shape: [inputs, layer.units], dtype: 'float32' },
      { name: `${layer.name}/bias`, shape: [layer.units], dtype: 'float32' },
    );
    inputs = layer.units;
    return {
      class_name: 'Dense',
      config: {
        units: layer.units,
        activation: layer.activation,
        use_bias: true,
        kernel_initializer: {
          class_name: 'VarianceScaling',
          config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null },
        },
        bias_initializer: { class_name: 'Zeros', config: {} },
        kernel_regularizer: null,
        bias_regularizer: null,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
        name: layer.name,
        trainable: true,
        ...(index === 0 ? { batch_input_shape: [null, model.inputSize] } : {}),
        dtype: 'float32',
      },
    };
  });
  const modelJson = {
    modelTopology: {
      class_name: 'Sequential',
      config: { name: 'sequential', layers },
      keras_version: `tfjs-layers ${TFJS_LAYERS_VERSION}`,
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: model.generatedBy,
    convertedBy: null,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: specs }],
    userDefinedMetadata: model.metadata,
  };
  const blocks = model.layers.flatMap((layer) => [layer.kernel, layer.bias]);
  const bytes = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0) * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const values of blocks) {
    for (let i = 0; i < values.length; i++, offset += 4) {
      view.setFloat32(offset, values[i] as number, true);
    }
  }
  return {
    [MODEL_JSON]: new TextEncoder().encode(`${JSON.stringify(modelJson, null, 2)}\n`),
    [WEIGHTS_BIN]: bytes,
  };
}
