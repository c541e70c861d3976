/**
 * A plain float64 implementation of scikit-learn's multinomial objective, written loop by loop
 * and independent of TensorFlow.js, to check the tensor implementation against.
 */
export function referenceObjective(
  features: ArrayLike<number>,
  labels: ArrayLike<number>,
  numFeatures: number,
  numClasses: number,
  C: number,
  x: ArrayLike<number>,
  penaltySamples = labels.length,
): { value: number; gradient: Float64Array } {
  const n = labels.length;
  const d = numFeatures;
  const k = numClasses;
  const gradient = new Float64Array(d * k + k);
  let loss = 0;
  const logits = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let z = x[d * k + c] as number;
      for (let j = 0; j < d; j++) z += (features[i * d + j] as number) * (x[j * k + c] as number);
      logits[c] = z;
    }
    const max = Math.max(...logits);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += Math.exp((logits[c] as number) - max);
    const lse = max + Math.log(sum);
    const y = labels[i] as number;
    loss += lse - (logits[y] as number);
    for (let c = 0; c < k; c++) {
      const residual = Math.exp((logits[c] as number) - lse) - (c === y ? 1 : 0);
      for (let j = 0; j < d; j++) {
        gradient[j * k + c] =
          (gradient[j * k + c] as number) + (features[i * d + j] as number) * residual;
      }
      gradient[d * k + c] = (gradient[d * k + c] as number) + residual;
    }
  }
  let squared = 0;
  for (let i = 0; i < d * k; i++) squared += (x[i] as number) ** 2;
  for (let i = 0; i < gradient.length; i++) {
    gradient[i] = (gradient[i] as number) / n;
    if (i < d * k) gradient[i] = (gradient[i] as number) + (x[i] as number) / (C * penaltySamples);
  }
  return { value: loss / n + squared / (2 * C * penaltySamples), gradient };
}
