import { checkScoreMatrix, scoreError } from './score-matrix.js';
import type { Labels, ScoreMatrix } from './types.js';
import { checkIntegerOption, checkNumClasses, checkSampleCount, labelError } from './validate.js';

/**
 * Fraction of samples whose true class is among the k highest-scored classes. Ties break
 * toward the higher class index, exactly as scikit-learn's `top_k_accuracy_score` (stable
 * ascending argsort, reversed): scores [0.5, 0.5, 0] rank class 1 before class 0. Scores may
 * be probabilities or logits (any non-NaN number); k ≥ numClasses gives 1. O(n·numClasses).
 */
export function topKAccuracy(
  yTrue: Labels,
  probabilities: ScoreMatrix,
  numClasses: number,
  k: number,
): number {
  const fn = 'topKAccuracy';
  const classes = checkNumClasses(fn, numClasses);
  const top = checkIntegerOption(fn, 'k', k, 1, Number.POSITIVE_INFINITY);
  const n = checkSampleCount(fn, 'yTrue', yTrue);
  const scores = checkScoreMatrix(fn, probabilities, n, classes);
  let hits = 0;
  for (let s = 0; s < n; s++) {
    const t = yTrue[s]!;
    if (!(t >= 0 && t < classes && Number.isInteger(t)))
      throw labelError(fn, 'yTrue', s, t, classes);
    const base = s * classes;
    const own = scores[base + t]!;
    if (Number.isNaN(own)) throw scoreError(fn, base + t, classes, 'to be a number', own);
    // Rank = classes placed ahead of the true one; no sort, no allocation.
    let ahead = 0;
    for (let j = 0; j < classes; j++) {
      const v = scores[base + j]!;
      if (Number.isNaN(v)) throw scoreError(fn, base + j, classes, 'to be a number', v);
      if (v > own || (v === own && j > t)) ahead++;
    }
    if (ahead < top) hits++;
  }
  return hits / n;
}
