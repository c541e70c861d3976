import type { ObjectiveEvaluation, ObjectiveSums } from '@digitlab/optimizers';
import { type MlpShape, parameterOffsets } from './mlp-parameters.js';

export type { ObjectiveEvaluation, ObjectiveSums };

/**
 * scikit-learn MLPClassifier's objective from data sums, on the rows that were summed (a
 * mini-batch or the full set): f = (Σ CE + (α/2)(‖W1‖² + ‖W2‖²)) / rows, i.e. the mean
 * cross-entropy plus α/(2·n_batch)·Σ‖W‖², and ∇ = (sums + α·[W1, 0, W2, 0]) / rows. The biases
 * are not penalized. Dividing the penalty by the batch size (not the training-set size) is
 * scikit-learn's choice, kept so its alpha values carry over. The gradient is written over
 * `sums.gradientSums`.
 */
export function assembleObjective(
  x: Float64Array,
  sums: ObjectiveSums,
  shape: MlpShape,
  alpha: number,
): ObjectiveEvaluation {
  const o = parameterOffsets(shape);
  const g = sums.gradientSums;
  const scale = 1 / sums.rows;
  let squaredNorm = 0;
  const penalize = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const w = x[i] as number;
      squaredNorm += w * w;
      g[i] = ((g[i] as number) + alpha * w) * scale;
    }
  };
  const unpenalized = (from: number, to: number) => {
    for (let i = from; i < to; i++) g[i] = (g[i] as number) * scale;
  };
  penalize(o.kernel1, o.bias1);
  unpenalized(o.bias1, o.kernel2);
  penalize(o.kernel2, o.bias2);
  unpenalized(o.bias2, o.length);
  return {
    value: (sums.lossSum + 0.5 * alpha * squaredNorm) * scale,
    gradient: g,
    correct: sums.correct,
  };
}
