import { availableParallelism } from 'node:os';
import { countOption } from '@digitlab/core';
import { type BackendChoice, backendOption } from '@digitlab/tfjs-backend';
import { z } from 'zod';

/** How neighbours are searched. */
export const ALGORITHMS = ['auto', 'projection', 'brute'] as const;
/**
 * `projection`: exact search pruned by projection bounds, in a WebAssembly SIMD kernel on `workers`
 * threads; `brute`: every distance, in batches on the TensorFlow.js `backend`; `auto`: projection
 * where the kernel runs (WebAssembly SIMD, at most 65,536 features), brute otherwise.
 */
export type Algorithm = (typeof ALGORITHMS)[number];

/** The most search workers a classifier starts. */
export const MAX_WORKERS = 64;

/** How neighbours' votes are weighted (scikit-learn's `weights`). */
export const WEIGHTINGS = ['uniform', 'distance'] as const;
/** `uniform`: one vote each; `distance`: a vote of 1/distance, and exact matches outvote the rest. */
export type Weighting = (typeof WEIGHTINGS)[number];

/** Validated options of a knn classifier. */
export type KnnOptions = {
  readonly k: number;
  readonly weights: Weighting;
  readonly algorithm: Algorithm;
  readonly workers: number;
  readonly batchSize: number;
  readonly backend: BackendChoice;
};

/** Built-in defaults: scikit-learn's KNeighborsClassifier where it has the option; one search worker per core. */
export const DEFAULT_OPTIONS = {
  k: 5,
  weights: 'uniform',
  algorithm: 'auto',
  workers: Math.min(MAX_WORKERS, availableParallelism()),
  batchSize: 256,
  backend: 'auto',
} as const satisfies KnnOptions;

/** The zod schema of the options, with `defaults` replacing the built-in defaults. */
export function knnOptionsSchema(defaults: Partial<KnnOptions> = {}) {
  const d = { ...DEFAULT_OPTIONS, ...defaults };
  return z.strictObject({
    k: countOption(
      d.k,
      'Neighbours that vote, at most the number of training samples (scikit-learn n_neighbors)',
      { group: 'model' },
    ),
    weights: z
      .enum(WEIGHTINGS)
      .default(d.weights)
      .describe('uniform (one vote each) or distance (1/distance; an exact match wins)')
      .meta({ group: 'model' }),
    algorithm: z
      .enum(ALGORITHMS)
      .default(d.algorithm)
      .describe(
        'projection (exact search pruned by projection bounds, WebAssembly SIMD on worker threads), brute (every distance, batched on the TensorFlow.js backend) or auto (projection where it runs)',
      )
      .meta({ group: 'runtime' }),
    workers: z
      .number()
      .int()
      .min(0)
      .max(MAX_WORKERS)
      .default(d.workers)
      .describe('Worker threads of the projection search, each holding the index (0 = this thread)')
      .meta({ group: 'runtime' }),
    batchSize: countOption(
      d.batchSize,
      'brute: queries per distance batch; each batch holds a few batchSize × numSamples float32 matrices',
      { group: 'runtime' },
    ),
    backend: backendOption(d.backend),
  });
}
