// Plain loops over Float64Array: V8 compiles these to tight machine code, and keeping them in
// one place lets the hot paths stay allocation-free.

/** Dot product of two equal-length vectors. */
export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Largest absolute entry (the ∞-norm); 0 for an empty vector. */
export function normInf(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > max) max = v;
  }
  return max;
}

/** Euclidean norm. */
export function norm2(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/** Index of the first NaN or ±Infinity entry, or -1 when all entries are finite. */
export function firstNonFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) return i;
  }
  return -1;
}

/** out1 = out2 = x + step·d (the trial point, and the objective's scratch copy of it). */
export function stepInto(
  x: Float64Array,
  step: number,
  d: Float64Array,
  out1: Float64Array,
  out2: Float64Array,
): void {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = x[i]! + step * d[i]!;
    out1[i] = v;
    out2[i] = v;
  }
}

/** Indices into the `stats` array filled by `secantPair`. */
export const SY = 0;
export const YY = 1;
export const SS = 2;
export const GG = 3;
export const G_MAX = 4;

/**
 * Writes s = xNew − xOld and y = gNew − gOld, and into `stats` sᵀy, yᵀy, sᵀs, ‖gNew‖² and
 * max |gNew_i| (indices SY, YY, SS, GG, G_MAX), all in one pass.
 */
export function secantPair(
  xOld: Float64Array,
  xNew: Float64Array,
  gOld: Float64Array,
  gNew: Float64Array,
  s: Float64Array,
  y: Float64Array,
  stats: Float64Array,
): void {
  const n = xOld.length;
  let sy = 0;
  let yy = 0;
  let ss = 0;
  let gg = 0;
  let gMax = 0;
  for (let i = 0; i < n; i++) {
    const gi = gNew[i]!;
    const si = xNew[i]! - xOld[i]!;
    const yi = gi - gOld[i]!;
    s[i] = si;
    y[i] = yi;
    sy += si * yi;
    yy += yi * yi;
    ss += si * si;
    gg += gi * gi;
    const abs = gi < 0 ? -gi : gi;
    if (abs > gMax) gMax = abs;
  }
  stats[SY] = sy;
  stats[YY] = yy;
  stats[SS] = ss;
  stats[GG] = gg;
  stats[G_MAX] = gMax;
}

/**
 * A plain number array with the same entries (for JSON states); a loop beats Array.from's iterator.
 * The array starts filled with a non-integer, so V8 makes it an array of doubles at once instead of
 * converting it on the first entry that is not a small integer (half the time at n ≈ 100k).
 */
export function toNumberArray(a: Float64Array): number[] {
  const out = new Array<number>(a.length).fill(Number.NaN);
  for (let i = 0; i < a.length; i++) out[i] = a[i]!;
  return out;
}

/** Whether two vectors have the same length and identical entries (e.g. to reuse an evaluation). */
export function sameVector(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
