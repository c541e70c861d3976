/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const scratch = Float64Array.from(values);
  const upper = select(scratch, n >> 1);
  if (n % 2 === 1) return upper;
  // After selecting the upper middle, everything left of it is ≤ it: the lower middle is their maximum.
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) if ((scratch[i] as number) > lower) lower = scratch[i] as number;
  return (lower + upper) / 2;
}

/**
 * The median absolute deviation scaled to estimate a standard deviation (× 1.4826, exact for
 * normal noise): a spread that a minority of outliers (a stroke touching the border) leaves alone.
 */
export function robustSpread(values: ArrayLike<number>): number {
  const centre = median(values);
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs((values[i] as number) - centre);
  return 1.4826 * median(deviations);
}

/**
 * The k-th smallest value (0-based) of `a`, found in expected linear time (Hoare's quickselect with
 * a median-of-three pivot); `a` is reordered so that a[k] holds it, smaller values to its left.
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const pivot = medianOfThree(a[lo] as number, a[mid] as number, a[hi] as number);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
