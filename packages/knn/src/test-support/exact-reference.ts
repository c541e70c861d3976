/**
 * The k nearest rows of a query by looking at every row: squared distances Σ (qᵢ − xᵢ)² in
 * float64, sorted by (distance, row). Written apart from the search it checks.
 */
export function exactNearest(
  rows: Float32Array,
  numFeatures: number,
  query: ArrayLike<number>,
  k: number,
): { rows: number[]; sqDistances: number[]; gaps: number[] } {
  const n = rows.length / numFeatures;
  const all: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < numFeatures; i++) {
      const diff = (query[i] as number) - (rows[j * numFeatures + i] as number);
      s += diff * diff;
    }
    all.push([s, j]);
  }
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const nearest = all.slice(0, k);
  return {
    rows: nearest.map(([, j]) => j),
    sqDistances: nearest.map(([s]) => s),
    // How far each chosen distance is from the next one: near 0 means rounding could reorder them.
    gaps: nearest.map(([s], i) => (all[i + 1]?.[0] ?? Number.POSITIVE_INFINITY) - s),
  };
}
