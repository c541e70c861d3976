import { z } from 'zod';

/** How the distance from a sample to a class centroid is measured. */
export const METRICS = ['euclidean', 'manhattan'] as const;
/** `euclidean`: the L2 norm of the difference; `manhattan`: the L1 norm (sum of absolute differences). */
export type Metric = (typeof METRICS)[number];

/** Built-in defaults: plain nearest centroid (scikit-learn's NearestCentroid) with unit temperature. */
export const DEFAULT_OPTIONS = { metric: 'euclidean', shrinkage: 0, temperature: 1 } as const;

/** Each option has a default (a factory's defaults replace it) and a `.describe()` text for
 * `digitlab plugins` and `--help`; strictObject makes a misspelt option an error. */
export const nearestCentroidOptionsSchema = z.strictObject({
  metric: z
    .enum(METRICS)
    .default(DEFAULT_OPTIONS.metric)
    .describe('Distance to the class centroids: euclidean (L2) or manhattan (L1)'),
  shrinkage: z
    .number()
    .min(0)
    .max(1)
    .default(DEFAULT_OPTIONS.shrinkage)
    .describe('Pull each centroid towards the mean of all samples: 0 = none, 1 = all the way'),
  temperature: z
    .number()
    .positive()
    .finite()
    .default(DEFAULT_OPTIONS.temperature)
    .describe('Softmax temperature of the probabilities exp(-distance / temperature)'),
});

/** Validated options of a nearest-centroid classifier. */
export type NearestCentroidOptions = z.output<typeof nearestCentroidOptionsSchema>;
