import { ArtifactError, type ModelMetadata } from '@digitlab/core';
import type { DenseStack } from './dense-stack.js';
import type { DenseLayerWeights } from './encode-dense-layers-model.js';
import {
  checkFloat32Weights,
  findDenseLayers,
  MODEL_JSON,
  readManifest,
  readModelJson,
  readWeights,
} from './layers-model-files.js';

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

/**
 * Read a LayersModel holding a Sequential stack of Dense layers back, checking it against the
 * artifact's metadata: exactly `activations.length` Dense layers with these activations (input to
 * output) and biases, `metadata.numFeatures` inputs and `metadata.numClasses` output units (hidden
 * sizes come from the file), one float32 kernel and bias per layer and nothing else. Every problem
 * is an ArtifactError naming the file and what was expected versus found.
 */
export function decodeDenseLayersModel(
  files: Readonly<Record<string, Uint8Array>>,
  metadata: Pick<ModelMetadata, 'numFeatures' | 'numClasses'>,
  activations: readonly string[],
): DenseStack<DenseLayerWeights> {
  const { numFeatures: d, numClasses: k } = metadata;
  const count = activations.length;
  const json = readModelJson(files);
  const fail = (message: string): never => {
    throw new ArtifactError(message, MODEL_JSON);
  };
  if (json.format !== 'layers-model') {
    fail(`expected "format": "layers-model", found ${JSON.stringify(json.format)}`);
  }
  const expected =
    count === 1
      ? 'one Dense layer'
      : `${COUNT_WORDS[count] ?? count} Dense layers (${count === 2 ? 'hidden' : `${count - 1} hidden`}, output)`;
  const dense = findDenseLayers(json.modelTopology, count, expected, fail);
  const which = (i: number): string =>
    count === 1
      ? 'the Dense layer'
      : `the ${ORDINALS[i] ?? `#${i + 1}`} (${i === count - 1 ? 'output' : 'hidden'}) Dense layer`;
  dense.configs.forEach((config, i) => {
    if (config.activation !== activations[i]) {
      fail(
        `expected ${which(i)}'s activation to be '${activations[i]}', found ${JSON.stringify(config.activation)}`,
      );
    }
    if (config.use_bias === false) fail(`expected ${which(i)} to use a bias, found use_bias false`);
  });
  const units = dense.configs.map((config, i) => {
    if (i === count - 1) {
      if (config.units !== k) {
        fail(
          `expected ${which(i)} to have ${k} units (metadata.numClasses), found ${JSON.stringify(config.units)}`,
        );
      }
      return k;
    }
    const h = config.units;
    if (typeof h !== 'number' || !Number.isInteger(h) || h < 1) {
      fail(`expected ${which(i)}'s units to be a positive integer, found ${JSON.stringify(h)}`);
    }
    return h as number;
  });
  const inputShape = dense.inputShape;
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
  const hidden = units.slice(0, -1);
  const sizes = `${d} features, ${hidden.length > 0 ? `${hidden.join(' and ')} hidden units, ` : ''}${k} classes`;
  const requireSpec = (name: string, shape: readonly number[]): string => {
    const spec = manifest.weights.find((w) => w.name === name);
    if (!spec) {
      const found = manifest.weights.map((w) => `'${w.name}'`).join(', ') || 'none';
      return fail(`expected a weight named '${name}' in weightsManifest, found ${found}`);
    }
    if (spec.shape.length !== shape.length || spec.shape.some((s, i) => s !== shape[i])) {
      fail(
        `expected '${name}' to have shape [${shape.join(', ')}] (${sizes}), found [${spec.shape.join(', ')}]`,
      );
    }
    return name;
  };
  const layers = dense.configs.map((config, i) => {
    // tfjs names Sequential's Dense layers dense, dense_1, … when the topology does not say.
    const name = typeof config.name === 'string' ? config.name : i === 0 ? 'dense' : `dense_${i}`;
    const inputs = i === 0 ? d : (units[i - 1] as number);
    return {
      name,
      units: units[i] as number,
      activation: activations[i] as string,
      kernelName: requireSpec(`${name}/kernel`, [inputs, units[i] as number]),
      biasName: requireSpec(`${name}/bias`, [units[i] as number]),
    };
  });
  const names = layers.flatMap((l) => [l.kernelName, l.biasName]);
  if (manifest.weights.length !== names.length) {
    fail(
      `expected exactly the ${names.length} weights ${names.map((n) => `'${n}'`).join(', ')} in weightsManifest, found ${manifest.weights.length}`,
    );
  }
  checkFloat32Weights(manifest, fail);
  const read = readWeights(files, manifest);
  return {
    inputSize: d,
    layers: layers.map((l) => ({
      name: l.name,
      units: l.units,
      activation: l.activation,
      kernel: read.get(l.kernelName) as Float32Array,
      bias: read.get(l.biasName) as Float32Array,
    })),
  };
}
