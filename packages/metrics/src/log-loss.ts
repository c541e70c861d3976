import { MetricsError } from './metrics-error.js';
import { checkScoreMatrix, scoreError } from './score-matrix.js';
import type { Labels, ScoreMatrix } from './types.js';
import { checkNumClasses, checkOptions, checkSampleCount, labelError } from './validate.js';

/** Options for `logLoss`. */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 - eps] before the log. Default: the machine epsilon
   * of the array's dtype, as scikit-learn ≥ 1.2 — 2^-52 for Float64Array, 2^-23 for
   * Float32Array. Must lie in (0, 0.5).
   */
  readonly eps?: number;
}

const FLOAT32_EPSILON = 2 ** -23;

/**
 * Mean negative natural-log likelihood of the true classes (cross-entropy), as scikit-learn's
 * `log_loss` with `labels=range(numClasses)`. Rows are not renormalized nor required to sum
 * to 1; each value must lie in [0, 1]. Arithmetic is float64 even for Float32Array input.
 */
export function logLoss(
  yTrue: Labels,
  probabilities: ScoreMatrix,
  numClasses: number,
  options?: LogLossOptions,
): number {
  const fn = 'logLoss';
  const k = checkNumClasses(fn, numClasses);
  const n = checkSampleCount(fn, 'yTrue', yTrue);
  const probs = checkScoreMatrix(fn, probabilities, n, k);
  const eps = checkEps(fn, checkOptions(fn, options).eps, probs);
  for (let c = 0; c < probs.length; c++) {
    const p = probs[c]!;
    if (!(p >= 0 && p <= 1)) throw scoreError(fn, c, k, 'to be a probability in [0, 1]', p);
  }
  let sum = 0;
  for (let s = 0; s < n; s++) {
    const t = yTrue[s]!;
    if (!(t >= 0 && t < k && Number.isInteger(t))) throw labelError(fn, 'yTrue', s, t, k);
    const p = probs[s * k + t]!;
    sum -= Math.log(Math.min(Math.max(p, eps), 1 - eps));
  }
  return sum / n;
}

function checkEps(fn: string, eps: unknown, probs: ScoreMatrix): number {
  if (eps === undefined) return probs instanceof Float32Array ? FLOAT32_EPSILON : Number.EPSILON;
  if (typeof eps !== 'number' || !(eps > 0 && eps < 0.5)) {
    throw new MetricsError({
      fn,
      argument: 'options.eps',
      expected: 'to be a number in (0, 0.5)',
      value: eps,
    });
  }
  return eps;
}
