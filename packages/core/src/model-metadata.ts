import type { PreprocessingStep } from '@digitlab/datasets';
import { ArtifactError } from './errors.js';

/** A preprocessing step in JSON form (typed arrays become number arrays). */
export type PreprocessingStepJson =
  | { readonly kind: 'scale'; readonly factor: number }
  | {
      readonly kind: 'standardize';
      readonly mean: readonly number[];
      readonly std: readonly number[];
    };

/** What every saved model records about the data it expects, whatever the plugin. */
export interface ModelMetadata {
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly classNames: readonly string[];
  readonly imageShape: readonly number[];
  /** How raw pixels become features, so prediction on new images applies the same steps. */
  readonly preprocessing: readonly PreprocessingStepJson[];
  /** Name of the dataset the model was trained on. */
  readonly dataset?: string;
  /** Training settings (plugin options, solver, seed, subsample, …). */
  readonly training?: Readonly<Record<string, unknown>>;
  /** Metrics measured at save time (accuracies, objective, …). */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** Convert preprocessing steps to JSON form for a model file. */
export function preprocessingToJson(steps: readonly PreprocessingStep[]): PreprocessingStepJson[] {
  return steps.map((step) =>
    step.kind === 'scale'
      ? { kind: 'scale', factor: step.factor }
      : { kind: 'standardize', mean: Array.from(step.mean), std: Array.from(step.std) },
  );
}

/** Convert preprocessing steps read from a model file back to typed form, validating them. */
export function preprocessingFromJson(
  json: unknown,
  numFeatures: number,
  where: string,
): PreprocessingStep[] {
  if (!Array.isArray(json)) {
    throw new ArtifactError(`expected "preprocessing" to be an array, found ${typeof json}`, where);
  }
  return json.map((raw: unknown, i): PreprocessingStep => {
    const step = raw as Record<string, unknown> | null;
    if (step?.kind === 'scale' && typeof step.factor === 'number' && Number.isFinite(step.factor)) {
      return { kind: 'scale', factor: step.factor };
    }
    if (step?.kind === 'standardize') {
      const mean = finiteVector(step.mean, numFeatures);
      const std = finiteVector(step.std, numFeatures);
      if (mean && std) return { kind: 'standardize', mean, std };
      throw new ArtifactError(
        `preprocessing[${i}] (standardize): expected "mean" and "std" arrays of ${numFeatures} finite numbers`,
        where,
      );
    }
    throw new ArtifactError(
      `preprocessing[${i}]: expected {kind: 'scale', factor} or {kind: 'standardize', mean, std}, found ${JSON.stringify(raw)?.slice(0, 80)}`,
      where,
    );
  });
}

/** Check the part of a metadata object every plugin relies on. */
export function validateModelMetadata(json: unknown, where: string): ModelMetadata {
  const m = json as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null) {
    throw new ArtifactError(
      `expected a metadata object, found ${json === null ? 'null' : typeof json}`,
      where,
    );
  }
  const positiveInt = (key: string): number => {
    const v = m[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      throw new ArtifactError(
        `expected metadata.${key} to be a positive integer, found ${JSON.stringify(v)}`,
        where,
      );
    }
    return v;
  };
  const numFeatures = positiveInt('numFeatures');
  const numClasses = positiveInt('numClasses');
  const classNames = m.classNames;
  if (
    !Array.isArray(classNames) ||
    classNames.length !== numClasses ||
    !classNames.every((c) => typeof c === 'string')
  ) {
    throw new ArtifactError(
      `expected metadata.classNames to be ${numClasses} strings, found ${JSON.stringify(classNames)?.slice(0, 80)}`,
      where,
    );
  }
  const imageShape = m.imageShape;
  if (
    !Array.isArray(imageShape) ||
    !imageShape.every((d) => Number.isInteger(d) && d > 0) ||
    imageShape.reduce((a: number, b: number) => a * b, 1) !== numFeatures
  ) {
    throw new ArtifactError(
      `expected metadata.imageShape to be positive integers whose product is ${numFeatures}, found ${JSON.stringify(imageShape)}`,
      where,
    );
  }
  preprocessingFromJson(m.preprocessing ?? [], numFeatures, where);
  return {
    ...(m as unknown as ModelMetadata),
    preprocessing: (m.preprocessing ?? []) as PreprocessingStepJson[],
  };
}

function finiteVector(value: unknown, length: number): Float32Array | undefined {
  if (!Array.isArray(value) || value.length !== length) return undefined;
  if (!value.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined;
  return Float32Array.from(value as number[]);
}
