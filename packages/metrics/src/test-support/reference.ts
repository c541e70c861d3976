// Deliberately naive reimplementations that work on the samples directly, never through a
// confusion matrix, so that property tests compare two independent computations.

/** Number of samples with true label t and predicted label p. */
export function countWhere(
  yTrue: readonly number[],
  yPred: readonly number[],
  t: number,
  p: number,
): number {
  return yTrue.filter((y, s) => y === t && yPred[s] === p).length;
}

/** tp, fp and fn of class c, counted sample by sample. */
export function oneVsRest(
  yTrue: readonly number[],
  yPred: readonly number[],
  c: number,
): { tp: number; fp: number; fn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  yTrue.forEach((t, s) => {
    const p = yPred[s];
    if (t === c && p === c) tp++;
    else if (p === c) fp++;
    else if (t === c) fn++;
  });
  return { tp, fp, fn };
}

/** Weighted kappa from all sample pairs: 1 - mean w(observed) / mean w(independent pairing). */
export function pairwiseKappa(
  y1: readonly number[],
  y2: readonly number[],
  weight: (a: number, b: number) => number,
): number {
  const n = y1.length;
  let observed = 0;
  for (let s = 0; s < n; s++) observed += weight(y1[s]!, y2[s]!);
  let chance = 0;
  for (let s = 0; s < n; s++) for (let r = 0; r < n; r++) chance += weight(y1[s]!, y2[r]!);
  return 1 - observed / n / (chance / (n * n));
}

/** MCC as the correlation of one-hot indicator matrices: cov(X,Y) / √(cov(X,X)·cov(Y,Y)). */
export function oneHotCorrelation(y1: readonly number[], y2: readonly number[], k: number): number {
  const n = y1.length;
  const mean = (y: readonly number[], c: number): number => y.filter((v) => v === c).length / n;
  const cov = (a: readonly number[], b: readonly number[]): number => {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const ma = mean(a, c);
      const mb = mean(b, c);
      for (let s = 0; s < n; s++) sum += ((a[s] === c ? 1 : 0) - ma) * ((b[s] === c ? 1 : 0) - mb);
    }
    return sum / n;
  };
  const denominator = cov(y1, y1) * cov(y2, y2);
  return denominator === 0 ? 0 : cov(y1, y2) / Math.sqrt(denominator);
}

/** Top-k hit by sorting class indices: score descending, ties by higher index first. */
export function sortedTopKHit(row: readonly number[], trueClass: number, k: number): boolean {
  const order = row
    .map((score, index) => ({ score, index }))
    .sort((a, b) => b.score - a.score || b.index - a.index);
  return order.slice(0, k).some((entry) => entry.index === trueClass);
}
