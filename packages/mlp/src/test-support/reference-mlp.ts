/**
 * A plain float64 implementation of scikit-learn MLPClassifier's loss for one ReLU hidden layer,
 * written loop by loop and independent of TensorFlow.js, to check the tensor implementation
 * against: mean cross-entropy + alpha/(2·n)·(‖W1‖² + ‖W2‖²) over the given rows.
 */
export function referenceLoss(
  features: ArrayLike<number>,
  labels: ArrayLike<number>,
  shape: { numFeatures: number; hiddenUnits: number; numClasses: number },
  alpha: number,
  x: ArrayLike<number>,
): number {
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
  const b1 = d * h;
  const w2 = b1 + h;
  const b2 = w2 + h * k;
  const n = labels.length;
  const hidden = new Float64Array(h);
  const logits = new Float64Array(k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < h; j++) {
      let z = x[b1 + j] as number;
      for (let f = 0; f < d; f++) z += (features[i * d + f] as number) * (x[f * h + j] as number);
      hidden[j] = Math.max(0, z);
    }
    for (let c = 0; c < k; c++) {
      let z = x[b2 + c] as number;
      for (let j = 0; j < h; j++) z += (hidden[j] as number) * (x[w2 + j * k + c] as number);
      logits[c] = z;
    }
    const max = Math.max(...logits);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp((logits[c] as number) - max);
    loss += max + Math.log(sum) - (logits[labels[i] as number] as number);
  }
  let squaredNorm = 0;
  for (let i = 0; i < b1; i++) squaredNorm += (x[i] as number) ** 2;
  for (let i = w2; i < b2; i++) squaredNorm += (x[i] as number) ** 2;
  return loss / n + (alpha / (2 * n)) * squaredNorm;
}
