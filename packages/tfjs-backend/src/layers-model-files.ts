import { ArtifactError, parseArtifactJson } from '@digitlab/core';

/**
 * Reading TensorFlow.js LayersModel files (model.json + weights.bin), shared by the plugins that
 * save their models in that format so tfjs-layers can load them in a browser or in Node.
 */

/** The topology and manifest file of a LayersModel. */
export const MODEL_JSON = 'model.json';
/** The weights file digitlab writes (one shard). */
export const WEIGHTS_BIN = 'weights.bin';

/** One weight as the manifest lists it. */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: unknown;
  readonly quantization?: unknown;
}

/** All manifest groups flattened: shard paths in order and weight specs in byte order. */
export interface WeightsManifest {
  readonly paths: string[];
  readonly weights: WeightSpec[];
}

/** Reports a problem in model.json; never returns. */
export type Fail = (message: string) => never;

/** Parse model.json from an artifact's files into a JSON object, or explain what is wrong. */
export function readModelJson(
  files: Readonly<Record<string, Uint8Array>>,
): Record<string, unknown> {
  const bytes = files[MODEL_JSON];
  if (!bytes) {
    throw new ArtifactError(
      `expected the file ${MODEL_JSON}, found only ${Object.keys(files).join(', ') || 'no files'}`,
      MODEL_JSON,
    );
  }
  const json = parseArtifactJson(new TextDecoder().decode(bytes), MODEL_JSON);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ArtifactError(`expected a JSON object, found ${JSON.stringify(json)}`, MODEL_JSON);
  }
  return json as Record<string, unknown>;
}

/** The Dense layers of a Sequential topology, with the input shape from the first or an InputLayer. */
export interface DenseLayers {
  readonly configs: Record<string, unknown>[];
  readonly inputShape: readonly unknown[] | undefined;
}

/**
 * Find exactly `count` Dense layers (after an optional InputLayer) in a Sequential topology;
 * `expected` words the requirement for the error, e.g. "one Dense layer".
 */
export function findDenseLayers(
  topology: unknown,
  count: number,
  expected: string,
  fail: Fail,
): DenseLayers {
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
  if (
    rest.length !== count ||
    rest.some((l) => l?.class_name !== 'Dense' || typeof l.config !== 'object' || l.config === null)
  ) {
    fail(
      `expected exactly ${expected}, found [${layers.map((l) => JSON.stringify(l?.class_name)).join(', ')}]`,
    );
  }
  const shape = (rest[0]?.config?.batch_input_shape ?? input?.config?.batch_input_shape) as
    | unknown[]
    | undefined;
  return {
    configs: rest.map((l) => l.config ?? {}),
    inputShape: Array.isArray(shape) ? shape : undefined,
  };
}

/** Validate and flatten model.json's weightsManifest. */
export function readManifest(manifest: unknown, fail: Fail): WeightsManifest {
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
    if (!Array.isArray(p) || p.length === 0 || !p.every((s) => typeof s === 'string' && s !== '')) {
      fail(
        `expected weightsManifest[${g}].paths to be a non-empty array of file names, found ${JSON.stringify(p)?.slice(0, 80)}`,
      );
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

/** Every weight must be plain float32 (no quantization): that is all digitlab reads. */
export function checkFloat32Weights(manifest: WeightsManifest, fail: Fail): void {
  for (const spec of manifest.weights) {
    if (spec.dtype !== 'float32') {
      fail(`expected weight '${spec.name}' to be float32, found ${JSON.stringify(spec.dtype)}`);
    }
    if (spec.quantization !== undefined) {
      fail(`expected unquantized weights, found quantization on '${spec.name}'`);
    }
  }
}

/** Read every weight the manifest lists from its shards, little-endian float32, all finite. */
export function readWeights(
  files: Readonly<Record<string, Uint8Array>>,
  manifest: WeightsManifest,
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
