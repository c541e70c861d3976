import type { NormalizeMode } from './normalize-mode.js';

/**
 * Divides raw k×k counts by row, column or grand totals as scikit-learn's `confusion_matrix`
 * does; a zero total yields 0s (sklearn's `nan_to_num` of 0/0) rather than NaN.
 */
export function normalizeCounts(
  raw: Int32Array,
  numClasses: number,
  mode: NormalizeMode,
): Float64Array {
  const k = numClasses;
  const out = new Float64Array(k * k);
  if (mode === 'all') {
    let total = 0;
    for (let c = 0; c < raw.length; c++) total += raw[c]!;
    if (total === 0) return out;
    for (let c = 0; c < raw.length; c++) out[c] = raw[c]! / total;
    return out;
  }
  if (mode === 'true') {
    for (let i = 0; i < k; i++) {
      const row = i * k;
      let total = 0;
      for (let j = 0; j < k; j++) total += raw[row + j]!;
      if (total === 0) continue;
      for (let j = 0; j < k; j++) out[row + j] = raw[row + j]! / total;
    }
    return out;
  }
  for (let j = 0; j < k; j++) {
    let total = 0;
    for (let i = 0; i < k; i++) total += raw[i * k + j]!;
    if (total === 0) continue;
    for (let i = 0; i < k; i++) out[i * k + j] = raw[i * k + j]! / total;
  }
  return out;
}
