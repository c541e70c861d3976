/** The reference answer for one query, computed in float64 by looking at every training row. */
export interface ReferenceAnswer {
  /** Training rows sorted by (distance, row), the k nearest. */
  readonly neighbours: number[];
  readonly distances: number[];
  readonly probabilities: number[];
  readonly prediction: number;
  /** The gap between the k-th and (k+1)-th squared distances: near 0 means the set is ambiguous. */
  readonly margin: number;
}

/**
 * k-nearest neighbours by nested loops, written from scikit-learn's documented semantics and
 * sharing no code with the plugin: a vote of 1 (uniform) or 1/distance (distance; zero-distance
 * neighbours alone vote when present), normalized; ties go to the smallest class.
 */
export function bruteForceKnn(
  train: Float32Array,
  labels: Uint8Array,
  numFeatures: number,
  numClasses: number,
  query: ArrayLike<number>,
  k: number,
  weights: 'uniform' | 'distance',
): ReferenceAnswer {
  const n = labels.length;
  const all: { row: number; sq: number }[] = [];
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let j = 0; j < numFeatures; j++) {
      const diff = (query[j] as number) - (train[i * numFeatures + j] as number);
      sq += diff * diff;
    }
    all.push({ row: i, sq });
  }
  all.sort((a, b) => a.sq - b.sq || a.row - b.row);
  const nearest = all.slice(0, k);
  const votes = new Array<number>(numClasses).fill(0);
  const exact = nearest.some((x) => x.sq === 0);
  for (const { row, sq } of nearest) {
    const w = weights === 'uniform' ? 1 : exact ? (sq === 0 ? 1 : 0) : 1 / Math.sqrt(sq);
    const c = labels[row] as number;
    votes[c] = (votes[c] as number) + w;
  }
  const total = votes.reduce((a, b) => a + b, 0);
  const probabilities = votes.map((v) => v / total);
  let prediction = 0;
  for (let c = 1; c < numClasses; c++) if (votes[c]! > votes[prediction]!) prediction = c;
  const next = all[k];
  return {
    neighbours: nearest.map((x) => x.row),
    distances: nearest.map((x) => Math.sqrt(x.sq)),
    probabilities,
    prediction,
    margin: next === undefined ? Number.POSITIVE_INFINITY : next.sq - (nearest[k - 1]?.sq ?? 0),
  };
}
