import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import type { MlpWeights } from './mlp-parameters.js';

/** The TensorFlow.js LayersModel topology + manifest file. */
export const MODEL_JSON = 'model.json';
/** The weights file named in the manifest: W1, b1, W2, b2 as little-endian float32. */
export const WEIGHTS_BIN = 'weights.bin';

const HIDDEN_LAYER = 'dense';
const OUTPUT_LAYER = 'dense_1';
const TFJS_LAYERS_VERSION = '4.22.0';
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
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = weights;
  const modelJson = {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          denseLayer(HIDDEN_LAYER, h, 'relu', { batch_input_shape: [null, d] }),
          denseLayer(OUTPUT_LAYER, k, 'softmax', {}),
        ],
      },
      keras_version: `tfjs-layers ${TFJS_LAYERS_VERSION}`,
      backend: 'tensor_flow.js',
    },
    format: 'layers-model',
    generatedBy: GENERATED_BY,
    convertedBy: null,
    weightsManifest: [
      {
        paths: [WEIGHTS_BIN],
        weights: [
          { name: `${HIDDEN_LAYER}/kernel`, shape: [d, h], dtype: 'float32' },
          { name: `${HIDDEN_LAYER}/bias`, shape: [h], dtype: 'float32' },
          { name: `${OUTPUT_LAYER}/kernel`, shape: [h, k], dtype: 'float32' },
          { name: `${OUTPUT_LAYER}/bias`, shape: [k], dtype: 'float32' },
        ],
      },
    ],
    userDefinedMetadata: metadata,
  };
  const blocks = [weights.kernel1, weights.bias1, weights.kernel2, weights.bias2];
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

function denseLayer(name: string, units: number, activation: string, extra: object) {
  return {
    class_name: 'Dense',
    config: {
      units,
      activation,
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
      name,
      trainable: true,
      ...extra,
      dtype: 'float32',
    },
  };
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
  const { hidden, output, inputShape } = findDenseLayers(json.modelTopology, fail);
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
  for (const spec of manifest.weights) {
    if (spec.dtype !== 'float32') {
      fail(`expected weight '${spec.name}' to be float32, found ${JSON.stringify(spec.dtype)}`);
    }
    if (spec.quantization !== undefined) {
      fail(`expected unquantized weights, found quantization on '${spec.name}'`);
    }
  }
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

interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: unknown;
  readonly quantization?: unknown;
}

interface Manifest {
  readonly paths: string[];
  readonly weights: WeightSpec[];
}

function readModelJson(files: Readonly<Record<string, Uint8Array>>): Record<string, unknown> {
  const bytes = files[MODEL_JSON];
  if (!bytes) {
    throw new ArtifactError(
      `expected the file ${MODEL_JSON}, found only ${Object.keys(files).join(', ') || 'no files'}`,
      MODEL_JSON,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ArtifactError(
      `expected valid JSON, found a parse error: ${(error as Error).message}`,
      MODEL_JSON,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ArtifactError(`expected a JSON object, found ${JSON.stringify(json)}`, MODEL_JSON);
  }
  return json as Record<string, unknown>;
}

interface DenseLayers {
  readonly hidden: Record<string, unknown>;
  readonly output: Record<string, unknown>;
  readonly inputShape: readonly unknown[] | undefined;
}

function findDenseLayers(topology: unknown, fail: (message: string) => never): DenseLayers {
  const t = topology as { class_name?: unknown; config?: unknown } | null | undefined;
  if (t?.class_name !== 'Sequential') {
    fail(`expected modelTopology.class_name 'Sequential', found ${JSON.stringify(t?.class_name)}`);
  }
  const config = t?.config as { layers?: unknown } | unknown[] | undefined;
  // Keras 2.0 wrote a Sequential's config as the bare layer list.
  const layers = (Array.isArray(config) ? config : config?.layers) as
    | { class_name?: unknown; config?: Record<string, unknown> }[]
    | undefined;
  if (!Array.isArray(layers)) return fail('expected modelTopology.config.layers to be an array');
  const input = layers[0]?.class_name === 'InputLayer' ? layers[0] : undefined;
  const rest = input ? layers.slice(1) : layers;
  const [hidden, output] = rest;
  if (
    rest.length !== 2 ||
    rest.some((l) => l?.class_name !== 'Dense' || typeof l.config !== 'object' || l.config === null)
  ) {
    fail(
      `expected exactly two Dense layers (hidden, output), found [${layers.map((l) => JSON.stringify(l?.class_name)).join(', ')}]`,
    );
  }
  const shape = (hidden?.config?.batch_input_shape ?? input?.config?.batch_input_shape) as
    | unknown[]
    | undefined;
  return {
    hidden: hidden?.config ?? {},
    output: output?.config ?? {},
    inputShape: Array.isArray(shape) ? shape : undefined,
  };
}

function readManifest(manifest: unknown, fail: (message: string) => never): Manifest {
  if (!Array.isArray(manifest) || manifest.length === 0) {
    return fail(
      `expected weightsManifest to be a non-empty array, found ${JSON.stringify(manifest)}`,
    );
  }
  const paths: string[] = [];
  const weights: WeightSpec[] = [];
  for (const [g, group] of manifest.entries()) {
    const p = (group as { paths?: unknown })?.paths;
    const w = (group as { weights?: unknown })?.weights;
    if (!Array.isArray(p) || !p.every((s) => typeof s === 'string')) {
      fail(`expected weightsManifest[${g}].paths to be an array of file names`);
    }
    if (!Array.isArray(w)) fail(`expected weightsManifest[${g}].weights to be an array`);
    paths.push(...(p as string[]));
    for (const spec of w as unknown[]) {
      const s = spec as Partial<WeightSpec> | null;
      if (
        typeof s?.name !== 'string' ||
        !Array.isArray(s.shape) ||
        !s.shape.every((n) => Number.isInteger(n) && n >= 0)
      ) {
        fail(
          `expected every weight spec to have a name and a shape, found ${JSON.stringify(spec)?.slice(0, 80)}`,
        );
      }
      weights.push(s as WeightSpec);
    }
  }
  return { paths, weights };
}

/** The weights in manifest order from the concatenated shards, every value checked finite. */
function readWeights(
  files: Readonly<Record<string, Uint8Array>>,
  manifest: Manifest,
): Map<string, Float32Array> {
  const buffer = concatenateShards(files, manifest.paths);
  const where = manifest.paths.join(', ');
  const expectedBytes = manifest.weights.reduce(
    (n, spec) => n + spec.shape.reduce((a, b) => a * b, 1) * 4,
    0,
  );
  if (expectedBytes !== buffer.byteLength) {
    throw new ArtifactError(
      `expected ${expectedBytes} bytes of float32 weights (as the manifest in ${MODEL_JSON} lists), found ${buffer.byteLength}`,
      where,
    );
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const read = new Map<string, Float32Array>();
  let offset = 0;
  for (const spec of manifest.weights) {
    const values = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++, offset += 4) {
      const v = view.getFloat32(offset, true);
      if (!Number.isFinite(v)) {
        throw new ArtifactError(
          `expected finite weights, found ${v} at '${spec.name}'[${i}]`,
          where,
        );
      }
      values[i] = v;
    }
    read.set(spec.name, values);
  }
  return read;
}

function concatenateShards(
  files: Readonly<Record<string, Uint8Array>>,
  paths: readonly string[],
): Uint8Array {
  const shards = paths.map((path) => {
    // Manifests written by tfjs' browser download use './name'; the artifact stores bare names.
    const name = path.replace(/^\.\//, '');
    const bytes = files[name];
    if (!bytes) {
      throw new ArtifactError(
        `expected the weights file '${name}' named in weightsManifest, found it missing (files: ${Object.keys(files).join(', ')})`,
        MODEL_JSON,
      );
    }
    return bytes;
  });
  if (shards.length === 1) return shards[0] as Uint8Array;
  const out = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  let offset = 0;
  for (const shard of shards) {
    out.set(shard, offset);
    offset += shard.byteLength;
  }
  return out;
}
