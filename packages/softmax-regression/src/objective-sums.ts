/**
 * The data terms of the softmax objective summed over some rows, before scaling: what one shard
 * (a worker, or the whole set) contributes. Sums from disjoint shards add up exactly to the
 * full-data sums, which is what makes data-parallel gradients possible.
 */
export interface ObjectiveSums {
  /** Σᵢ −log softmax(xᵢW + b)[yᵢ] over the shard's rows. */
  readonly lossSum: number;
  /** Σᵢ xᵢᵀ(pᵢ − yᵢ) (d×k row-major) followed by Σᵢ (pᵢ − yᵢ) (k): the unscaled data gradient. */
  readonly gradientSums: Float32Array | Float64Array;
  /** Rows whose largest logit is their label's. */
  readonly correct: number;
  /** Rows summed. */
  readonly rows: number;
}

/** Value, gradient and training accuracy of the objective at one point. */
export interface ObjectiveEvaluation {
  readonly value: number;
  readonly gradient: Float64Array;
  /** Training samples whose largest logit is their label's. */
  readonly correct: number;
}

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
