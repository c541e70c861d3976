import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import type { DenseWeights } from './parameters.js';

/** The TensorFlow.js LayersModel topology + manifest file. */
export const MODEL_JSON = 'model.json';
/** The weights file named in the manifest: kernel then bias, little-endian float32. */
export const WEIGHTS_BIN = 'weights.bin';

const LAYER_NAME = 'dense';
const TFJS_LAYERS_VERSION = '4.22.0';
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
  const { numFeatures: d, numClasses: k } = weights;
  const modelJson = {
    modelTopology: {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          {
            class_name: 'Dense',
            config: {
              units: k,
              activation: 'softmax',
              use_bias: true,
              kernel_initializer: {
                class_name: 'VarianceScaling',
                config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null },
              },
              bias_initializer: { class_name: 'Zeros', config: {} },
              kernel_regularizer: null,
              bias_regularizer: null,
              activity_regularizer: null,
              kernel_constraint: null,
              bias_constraint: null,
              name: LAYER_NAME,
              trainable: true,
              batch_input_shape: [null, d],
              dtype: 'float32',
            },
          },
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
          { name: `${LAYER_NAME}/kernel`, shape: [d, k], dtype: 'float32' },
          { name: `${LAYER_NAME}/bias`, shape: [k], dtype: 'float32' },
        ],
      },
    ],
    userDefinedMetadata: metadata,
  };
  const bytes = new Uint8Array((weights.kernel.length + weights.bias.length) * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const values of [weights.kernel, weights.bias]) {
    for (let i = 0; i < values.length; i++, offset += 4) {
      view.setFloat32(offset, values[i] as number, true);
    }
  }
  return {
    [MODEL_JSON]: new TextEncoder().encode(`${JSON.stringify(modelJson, null, 2)}\n`),
    [WEIGHTS_BIN]: bytes,
  };
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
  const dense = findDenseLayer(json.modelTopology, fail);
  const config = dense.config;
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
  for (const spec of manifest.weights) {
    if (spec.dtype !== 'float32') {
      fail(`expected weight '${spec.name}' to be float32, found ${JSON.stringify(spec.dtype)}`);
    }
    if (spec.quantization !== undefined) {
      fail(`expected unquantized weights, found quantization on '${spec.name}'`);
    }
  }
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
  const read: Record<string, Float32Array> = {};
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
    read[spec.name] = values;
  }
  const kernel = read[kernelName] as Float32Array;
  const bias = read[biasName] as Float32Array;
  return { numFeatures: d, numClasses: k, kernel, bias };
}

interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: unknown;
  readonly quantization?: unknown;
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

interface DenseLayer {
  readonly config: Record<string, unknown>;
  readonly inputShape: readonly unknown[] | undefined;
}

function findDenseLayer(topology: unknown, fail: (message: string) => never): DenseLayer {
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
  const dense = rest[0];
  if (rest.length !== 1 || dense?.class_name !== 'Dense' || typeof dense.config !== 'object') {
    fail(
      `expected exactly one Dense layer, found [${layers.map((l) => JSON.stringify(l?.class_name)).join(', ')}]`,
    );
  }
  const shape = (dense?.config?.batch_input_shape ?? input?.config?.batch_input_shape) as
    | unknown[]
    | undefined;
  return { config: dense?.config ?? {}, inputShape: Array.isArray(shape) ? shape : undefined };
}

function readManifest(
  manifest: unknown,
  fail: (message: string) => never,
): { paths: string[]; weights: WeightSpec[] } {
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
