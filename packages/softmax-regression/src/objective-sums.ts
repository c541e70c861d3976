import type { ObjectiveEvaluation, ObjectiveSums as SumsOf } from '@digitlab/optimizers';

export type { ObjectiveEvaluation };

/**
 * The softmax objective's data terms over a shard: `gradientSums` is Σᵢ xᵢᵀ(pᵢ − yᵢ) (d×k
 * row-major) followed by Σᵢ (pᵢ − yᵢ) (k), in float32 from the kernels or float64 once added up.
 */
export type ObjectiveSums = SumsOf<Float32Array | Float64Array>;

/** Add shard sums in float64 (the order of shards is fixed, so results are reproducible). */
export function addObjectiveSums(parts: readonly ObjectiveSums[], length: number): ObjectiveSums {
  const gradientSums = new Float64Array(length);
  let lossSum = 0;
  let correct = 0;
  let rows = 0;
  for (const part of parts) {
    const g = part.gradientSums;
    for (let i = 0; i < length; i++)
      gradientSums[i] = (gradientSums[i] as number) + (g[i] as number);
    lossSum += part.lossSum;
    correct += part.correct;
    rows += part.rows;
  }
  return { lossSum, gradientSums, correct, rows };
}

/**
 * scikit-learn's objective from data sums: f = lossSum / rows + ‖W‖² / (2·C·n) and
 * ∇ = sums / rows + [W / (C·n), 0]. `numSamples` (n) is the full training-set size, so a mini-batch
 * (rows < n) is penalized exactly like the full objective.
 */
export function assembleObjective(
  x: Float64Array,
  sums: ObjectiveSums,
  shape: {
    readonly numFeatures: number;
    readonly numClasses: number;
    readonly numSamples: number;
    readonly C: number;
  },
): ObjectiveEvaluation {
  const dk = shape.numFeatures * shape.numClasses;
  const penalty = 1 / (shape.C * shape.numSamples);
  const scale = 1 / sums.rows;
  const g = sums.gradientSums;
  const gradient = new Float64Array(dk + shape.numClasses);
  let squaredNorm = 0;
  for (let i = 0; i < dk; i++) {
    const w = x[i] as number;
    squaredNorm += w * w;
    gradient[i] = (g[i] as number) * scale + w * penalty;
  }
  for (let c = dk; c < dk + shape.numClasses; c++) gradient[c] = (g[c] as number) * scale;
  return {
    value: sums.lossSum * scale + 0.5 * penalty * squaredNorm,
    gradient,
    correct: sums.correct,
  };
}
