/** Row sums of k×k counts: samples per true class (support). */
export function rowTotals(counts: Int32Array, numClasses: number): Float64Array {
  const k = numClasses;
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += counts[i * k + j]!;
    out[i] = sum;
  }
  return out;
}

/** Column sums of k×k counts: predictions per class. */
export function columnTotals(counts: Int32Array, numClasses: number): Float64Array {
  const k = numClasses;
  const out = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) out[j]! += counts[i * k + j]!;
  }
  return out;
}

/** Sum of the diagonal: correctly classified samples. */
export function trace(counts: Int32Array, numClasses: number): number {
  let sum = 0;
  for (let i = 0; i < numClasses; i++) sum += counts[i * numClasses + i]!;
  return sum;
}
