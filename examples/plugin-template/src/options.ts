import { z } from 'zod';

/** How the distance from a sample to a class centroid is measured. */
export const METRICS = ['euclidean', 'manhattan'] as const;
/** `euclidean`: the L2 norm of the difference; `manhattan`: the L1 norm (sum of absolute differences). */
export type Metric = (typeof METRICS)[number];

/** Validated options of a nearest-centroid classifier. */
export type NearestCentroidOptions = {
  readonly metric: Metric;
  readonly shrinkage: number;
  readonly temperature: number;
};

/** Built-in defaults: plain nearest centroid (scikit-learn's NearestCentroid) with unit temperature. */
export const DEFAULT_OPTIONS = {
  metric: 'euclidean',
  shrinkage: 0,
  temperature: 1,
} as const satisfies NearestCentroidOptions;

/**
 * The zod schema of the options, with `defaults` replacing the built-in defaults. Every field has a
 * default (so `{}` is valid) and a `.describe()` text (shown by `digitlab plugins` and `--help`);
 * the bounds become part of the CLI's error messages.
 */
export function nearestCentroidOptionsSchema(defaults: Partial<NearestCentroidOptions> = {}) {
  const d = { ...DEFAULT_OPTIONS, ...defaults };
  // strictObject: a misspelt option is an error rather than silently ignored.
  return z.strictObject({
    metric: z
      .enum(METRICS)
      .default(d.metric)
      .describe('Distance to the class centroids: euclidean (L2) or manhattan (L1)')
      .meta({ group: 'model' }),
    shrinkage: z
      .number()
      .min(0)
      .max(1)
      .default(d.shrinkage)
      .describe('Pull each centroid towards the mean of all samples: 0 = none, 1 = all the way')
      .meta({ group: 'model' }),
    temperature: z
      .number()
      .positive()
      .finite()
      .default(d.temperature)
      .describe('Softmax temperature of the probabilities exp(-distance / temperature)')
      .meta({ group: 'model' }),
  });
}
