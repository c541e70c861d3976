import { type BackendChoice, backendOption } from '@digitlab/tfjs-backend';
import { z } from 'zod';

/** How neighbours' votes are weighted (scikit-learn's `weights`). */
export const WEIGHTINGS = ['uniform', 'distance'] as const;
/** `uniform`: one vote each; `distance`: a vote of 1/distance, and exact matches outvote the rest. */
export type Weighting = (typeof WEIGHTINGS)[number];

/** Validated options of a knn classifier. */
export type KnnOptions = {
  readonly k: number;
  readonly weights: Weighting;
  readonly batchSize: number;
  readonly backend: BackendChoice;
};

/** Built-in defaults: scikit-learn's KNeighborsClassifier where it has the option. */
export const DEFAULT_OPTIONS = {
  k: 5,
  weights: 'uniform',
  batchSize: 256,
  backend: 'auto',
} as const satisfies KnnOptions;

/** The zod schema of the options, with `defaults` replacing the built-in defaults. */
export function knnOptionsSchema(defaults: Partial<KnnOptions> = {}) {
  const d = { ...DEFAULT_OPTIONS, ...defaults };
  return z.strictObject({
    k: z
      .number()
      .int()
      .min(1)
      .default(d.k)
      .describe(
        'Neighbours that vote, at most the number of training samples (scikit-learn n_neighbors)',
      )
      .meta({ group: 'model' }),
    weights: z
      .enum(WEIGHTINGS)
      .default(d.weights)
      .describe('uniform (one vote each) or distance (1/distance; an exact match wins)')
      .meta({ group: 'model' }),
    batchSize: z
      .number()
      .int()
      .min(1)
      .default(d.batchSize)
      .describe(
        'Queries per distance batch; each batch holds a few batchSize × numSamples float32 matrices',
      )
      .meta({ group: 'runtime' }),
    backend: backendOption(d.backend),
  });
}
