/**
 * The constants that keep the projection bounds of the exact search sound in floating point.
 *
 * The kernel prunes a training row x for a query q only when a computed lower bound exceeds
 * r = √(1+F)·√T′ + η, where T′ is the current k-th smallest squared distance plus its own rounding
 * margin. Each term below is a worst-case rounding bound (recursive summation: a sum of n terms is
 * off by at most γₙ = n·u/(1 − n·u) times the sum of their magnitudes), so a pruned row is always
 * farther than the k-th neighbour found, and the search returns exactly the k rows with the
 * smallest float64 squared distances ‖q‖² + ‖x‖² − 2·q·x (ties in row order).
 */
export interface BoundSettings {
  /** √(1 + F), F = ‖P̂ᵀP̂ − D‖_F: how far the float32 basis P̂ is from orthonormal (D: 1 for nonzero columns). */
  readonly rootOnePlusF: number;
  /** Projection rounding: η = etaA·(‖q‖ + xMax) + etaB bounds ‖errors of p(q)‖ + ‖errors of p(x)‖. */
  readonly etaA: number;
  readonly etaB: number;
  /** Largest ‖x‖ over the training rows. */
  readonly xMax: number;
  /** T′ = T + exactError · (‖q‖² + xMax²): the float64 distances' own rounding. */
  readonly exactError: number;
  /** Integer coordinates are round(scale · p(x)), at most STAGE1_MAX in magnitude for the rows. */
  readonly scale: number;
}

/** Directions of the projection: all are rounded to 16-bit integers (32 i16 pairs per row). */
export const PROJECTION_DIMS = 64;
/** The first directions, compared for every row in stage 1; stage 2 adds the rest. */
export const STAGE1_DIMS = 32;
/**
 * Largest magnitude of a training row's integer coordinate. A query's may be up to eight times
 * that (queries unlike the rows, or a fit's first steps, whose few rows span less) before the
 * kernel's i32 sums could overflow; a query beyond is measured against every row.
 */
export const STAGE1_MAX = 1023;

const F32_UNIT = 2 ** -24;
const F64_UNIT = 2 ** -53;

/** γₙ with a 1 % margin for the bound's own arithmetic. */
function gamma(n: number, unit: number): number {
  return (1.01 * n * unit) / (1 - n * unit);
}

/**
 * The settings for a float32 basis (numFeatures × dims, row-major), its float32 center, the
 * largest training norm, and the largest |coordinate| among the first STAGE1_DIMS projections of
 * the training rows.
 */
export function boundSettings(
  basis: Float32Array,
  numFeatures: number,
  dims: number,
  center: Float32Array,
  xMax: number,
  maxStage1Coordinate: number,
): BoundSettings {
  const d = numFeatures;
  let f = 0;
  for (let a = 0; a < dims; a++) {
    for (let b = a; b < dims; b++) {
      let s = 0;
      for (let i = 0; i < d; i++)
        s += (basis[i * dims + a] as number) * (basis[i * dims + b] as number);
      const target = a === b && s > 0.5 ? 1 : 0;
      f += (a === b ? 1 : 2) * (s - target) ** 2;
    }
  }
  // The Gram sum above is itself rounded; a generous relative term covers it.
  const rootOnePlusF = Math.sqrt(1 + Math.sqrt(f) + gamma(d, F64_UNIT) * dims);
  let centerNorm = 0;
  for (const c of center) centerNorm += c * c;
  centerNorm = Math.sqrt(centerNorm);
  // Each coordinate sums at most d products and the center: d + 2 roundings.
  const g = gamma(d + 2, F32_UNIT);
  return {
    rootOnePlusF,
    etaA: g * Math.sqrt(dims) * rootOnePlusF,
    etaB: 2 * g * centerNorm,
    xMax,
    exactError: 2 * gamma(d + 4, F64_UNIT),
    scale: maxStage1Coordinate > 0 ? STAGE1_MAX / maxStage1Coordinate : 1,
  };
}
