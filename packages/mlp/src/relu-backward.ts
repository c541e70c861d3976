/**
 * The hidden layer's backward step: dZ1 = dH ⊙ [Z1 > 0], written to `out`, with its column sums
 * (the hidden bias gradient's data term) added into `biasSums`. `hidden` is H = relu(Z1), and
 * H > 0 exactly where Z1 > 0, so the pre-activations need not be kept. A JS loop here replaces a
 * step kernel and a multiply kernel on the backend.
 */
export function reluBackward(
  hiddenGradient: ArrayLike<number>,
  hidden: ArrayLike<number>,
  hiddenUnits: number,
  out: Float32Array,
  biasSums: Float64Array,
): void {
  const h = hiddenUnits;
  const n = hidden.length / h;
  for (let i = 0, row = 0; i < n; i++, row += h) {
    for (let j = 0; j < h; j++) {
      if ((hidden[row + j] as number) > 0) {
        const g = hiddenGradient[row + j] as number;
        out[row + j] = g;
        biasSums[j] = (biasSums[j] as number) + g;
      } else {
        out[row + j] = 0;
      }
    }
  }
}
