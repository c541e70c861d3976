const BARS = '▁▂▃▄▅▆▇█';

/**
 * A one-line chart of `values` in at most `width` cells. Longer histories are averaged into buckets
 * so the whole run stays visible; non-finite values become gaps rather than skewing the scale.
 */
export function sparkline(values: readonly number[], width: number): string {
  if (width <= 0 || values.length === 0) return '';
  const buckets = bucketMeans(values, Math.floor(width));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of buckets) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  return buckets
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      // A flat series sits mid-height so it reads as "no change", not as "zero".
      if (span === 0) return BARS[3];
      const level = Math.round(((v - min) / span) * (BARS.length - 1));
      return BARS[level];
    })
    .join('');
}

function bucketMeans(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let b = 0; b < width; b++) {
    const from = Math.floor((b * values.length) / width);
    const to = Math.floor(((b + 1) * values.length) / width);
    let sum = 0;
    let count = 0;
    for (let i = from; i < to; i++) {
      const v = values[i] as number;
      if (Number.isFinite(v)) {
        sum += v;
        count++;
      }
    }
    out.push(count === 0 ? Number.NaN : sum / count);
  }
  return out;
}
