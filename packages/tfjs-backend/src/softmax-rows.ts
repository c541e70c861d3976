import { DigitlabError } from '@digitlab/core';
// Row-wise softmax arithmetic on plain arrays of logits (n rows of k, row-major), in float64 per
// row: one JS pass is far cheaper than the dozen elementwise kernels it replaces on wasm.

/** What `softmaxResidualRows` found in one pass over a block of logits. */
export interface SoftmaxRowsResult {
  /** Σᵢ −log softmax(zᵢ)[yᵢ], in float64. */
  readonly lossSum: number;
  /** Rows whose largest logit is their label's (ties go to the lowest class, like argMax). */
  readonly correct: number;
}

/**
 * The softmax cross-entropy's backward step for a block of logits: writes the residual
 * softmax(z) − onehot(y) to `residual` (which may be `logits` itself, to work in place) and adds
 * its column sums (the output bias gradient's data term) into `biasSums`. Per row: log-sum-exp with
 * the row maximum subtracted, so no logit overflows and no probability's log is taken — the loss is
 * lse − z_y.
 */
export function softmaxResidualRows(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  numClasses: number,
  residual: Float32Array,
  biasSums: Float64Array,
): SoftmaxRowsResult {
  const k = numClasses;
  const n = labels.length;
  if (logits.length !== n * k || residual.length !== n * k || biasSums.length !== k) {
    throw new RangeError(
      `softmaxResidualRows: expected ${n} rows of ${k} logits and residuals and ${k} bias sums, found ${logits.length}, ${residual.length} and ${biasSums.length} values`,
    );
  }
  const exps = new Float64Array(k);
  let lossSum = 0;
  let correct = 0;
  for (let i = 0, row = 0; i < n; i++, row += k) {
    const argmax = rowArgmax(logits, row, k);
    const max = logits[row + argmax] as number;
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((logits[row + c] as number) - max);
      exps[c] = e;
      sum += e;
    }
    const label = labels[i] as number;
    // Read before the row is overwritten, so that residual may be logits.
    lossSum += Math.log(sum) + max - (logits[row + label] as number);
    if (argmax === label) correct++;
    const inverse = 1 / sum;
    for (let c = 0; c < k; c++) {
      const r = (exps[c] as number) * inverse - (c === label ? 1 : 0);
      residual[row + c] = r;
      biasSums[c] = (biasSums[c] as number) + r;
    }
  }
  return { lossSum, correct };
}

/** softmax of each row of the logits, written to `out` (n×k). */
export function softmaxRows(
  logits: ArrayLike<number>,
  numClasses: number,
  out: Float32Array,
): void {
  const k = numClasses;
  const n = logits.length / k;
  const exps = new Float64Array(k);
  for (let i = 0, row = 0; i < n; i++, row += k) {
    const max = logits[row + rowArgmax(logits, row, k)] as number;
    if (!Number.isFinite(max)) {
      infiniteSoftmaxRow(logits, row, k, max, out);
      continue;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((logits[row + c] as number) - max);
      exps[c] = e;
      sum += e;
    }
    if (Number.isNaN(sum)) throw notNumbers(row / k);
    for (let c = 0; c < k; c++) out[row + c] = (exps[c] as number) / sum;
  }
}

/**
 * A row whose largest logit overflowed float32 (weights too large for the data): the softmax's
 * limit, shared by the logits at +∞ (uniform when every logit is −∞). NaN has no limit.
 */
function infiniteSoftmaxRow(
  logits: ArrayLike<number>,
  row: number,
  k: number,
  max: number,
  out: Float32Array,
): void {
  let tied = 0;
  for (let c = 0; c < k; c++) {
    const z = logits[row + c] as number;
    if (Number.isNaN(z)) throw notNumbers(row / k);
    if (z === max) tied++;
  }
  for (let c = 0; c < k; c++) out[row + c] = logits[row + c] === max ? 1 / tied : 0;
}

function notNumbers(row: number): DigitlabError {
  return new DigitlabError(
    `predictProba: expected finite outputs, found NaN in row ${row}: the model's weights overflow float32 arithmetic on this input (a corrupt or diverged model)`,
  );
}

/** The index of each row's largest logit (the lowest on ties), written to `out` (n). */
export function argmaxRows(logits: ArrayLike<number>, numClasses: number, out: Int32Array): void {
  const n = logits.length / numClasses;
  for (let i = 0; i < n; i++) out[i] = rowArgmax(logits, i * numClasses, numClasses);
}

function rowArgmax(values: ArrayLike<number>, row: number, k: number): number {
  let max = values[row] as number;
  let argmax = 0;
  for (let c = 1; c < k; c++) {
    const z = values[row + c] as number;
    if (z > max) {
      max = z;
      argmax = c;
    }
  }
  return argmax;
}
