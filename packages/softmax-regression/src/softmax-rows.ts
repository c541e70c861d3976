/** What `softmaxCrossEntropyRows` found in one pass over a block of logits. */
export interface SoftmaxRowsResult {
  /** Σᵢ −log softmax(zᵢ)[yᵢ], in float64. */
  readonly lossSum: number;
  /** Rows whose largest logit is their label's (ties go to the lowest class, like argMax). */
  readonly correct: number;
}

/**
 * Turns row-major logits (n×k, rows `stride` ≥ k apart; padding left alone) into the residual
 * P − Y in place, and adds its column sums (the bias gradient's data term) into `biasSums`. Per row: log-sum-exp with the row maximum
 * subtracted, so no logit overflows and no probability's log is taken — the loss is lse − z_y.
 * Pure arithmetic on plain arrays, in float64 per row.
 */
export function softmaxCrossEntropyRows(
  logits: Float32Array,
  labels: ArrayLike<number>,
  numClasses: number,
  biasSums: Float64Array,
  stride: number = numClasses,
): SoftmaxRowsResult {
  const k = numClasses;
  const n = labels.length;
  if (logits.length < (n - 1) * stride + k || stride < k) {
    throw new RangeError(
      `softmaxCrossEntropyRows: expected ${n} rows of ${k} logits ${stride} apart, found ${logits.length} values`,
    );
  }
  const exps = new Float64Array(k);
  let lossSum = 0;
  let correct = 0;
  for (let i = 0, row = 0; i < n; i++, row += stride) {
    let max = logits[row] as number;
    let argmax = 0;
    for (let c = 1; c < k; c++) {
      const z = logits[row + c] as number;
      if (z > max) {
        max = z;
        argmax = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((logits[row + c] as number) - max);
      exps[c] = e;
      sum += e;
    }
    const label = labels[i] as number;
    lossSum += Math.log(sum) + max - (logits[row + label] as number);
    if (argmax === label) correct++;
    const inverse = 1 / sum;
    for (let c = 0; c < k; c++) {
      const r = (exps[c] as number) * inverse - (c === label ? 1 : 0);
      logits[row + c] = r;
      biasSums[c] = (biasSums[c] as number) + r;
    }
  }
  return { lossSum, correct };
}
