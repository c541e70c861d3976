import { ConfusionMatrix } from './confusion-matrix.js';
import { MetricsError } from './metrics-error.js';
import { checkNormalizeMode, type NormalizeMode } from './normalize-mode.js';

/**
 * Re-views a confusion matrix with another normalization (null = raw counts), reusing its
 * integer counts: O(k²), no pass over the samples.
 */
export function normalizeConfusion(
  cm: ConfusionMatrix,
  mode: NormalizeMode | null,
): ConfusionMatrix {
  const fn = 'normalizeConfusion';
  if (!(cm instanceof ConfusionMatrix)) {
    throw new MetricsError({ fn, argument: 'cm', expected: 'to be a ConfusionMatrix', value: cm });
  }
  const normalize = checkNormalizeMode(fn, 'mode', mode);
  if (normalize === cm.normalize) return cm;
  return new ConfusionMatrix(cm.numClasses, cm.rawCounts, normalize);
}
