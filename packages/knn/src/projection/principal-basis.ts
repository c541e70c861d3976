/**
 * Orthonormal directions of largest variance (principal components) of a set of rows, for the
 * projection bounds of the exact search: ‖P(q − x)‖ ≤ ‖q − x‖ holds for any P with orthonormal
 * columns, and the tighter the directions follow the data, the more rows the bound rules out. The
 * basis only decides how much is pruned, never what is found, so it is estimated cheaply: from a
 * sample of rows, by a few rounds of subspace iteration.
 */
export interface PrincipalBasis {
  readonly numFeatures: number;
  /** Number of directions (columns); those beyond the data's rank are zero. */
  readonly dims: number;
  /** numFeatures × dims, row-major: row i holds feature i's weight in each direction. */
  readonly vectors: Float64Array;
  /** Mean of the sampled rows (numFeatures). */
  readonly mean: Float64Array;
}

/** How the basis is estimated. */
export interface BasisOptions {
  /** Rows sampled, evenly spaced (all rows when there are fewer). */
  readonly sampleRows?: number;
  /** Rounds of subspace iteration when numFeatures is above JACOBI_MAX_FEATURES. */
  readonly iterations?: number;
}

/** Up to this many features the covariance is diagonalized in full (Jacobi rotations). */
export const JACOBI_MAX_FEATURES = 96;

/** The `dims` leading principal directions of the rows (numRows × numFeatures, row-major). */
export function principalBasis(
  rows: Float32Array,
  numRows: number,
  numFeatures: number,
  dims: number,
  { sampleRows = 1024, iterations = 2 }: BasisOptions = {},
): PrincipalBasis {
  const d = numFeatures;
  const sample = sampleEntries(rows, numRows, d, sampleRows);
  const { mean } = sample;
  const vectors = new Float64Array(d * dims);
  if (d <= JACOBI_MAX_FEATURES) {
    const { values, vectors: v } = symmetricEigen(covariance(sample, d), d);
    const order = descending(values);
    for (let c = 0; c < Math.min(dims, d); c++) {
      const from = order[c] as number;
      for (let i = 0; i < d; i++) vectors[i * dims + c] = v[i * d + from] as number;
    }
    return { numFeatures: d, dims, vectors, mean };
  }
  // Subspace iteration on a few more vectors than needed, then Rayleigh–Ritz to order them. The
  // covariance is applied through the sampled rows' entries, never formed.
  const p = Math.min(d, dims + 8);
  let basis = startingVectors(d, p);
  orthonormalize(basis, d, p);
  for (let round = 0; round < iterations; round++) {
    basis = applyCovariance(sample, basis, d, p);
    orthonormalize(basis, d, p);
  }
  const cv = applyCovariance(sample, basis, d, p);
  const h = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += (basis[a * d + i] as number) * (cv[b * d + i] as number);
      h[a * p + b] = s;
      h[b * p + a] = s;
    }
  }
  const { values, vectors: u } = symmetricEigen(h, p);
  const order = descending(values);
  for (let c = 0; c < Math.min(dims, p); c++) {
    const from = order[c] as number;
    for (let a = 0; a < p; a++) {
      const w = u[a * p + from] as number;
      if (w === 0) continue;
      for (let i = 0; i < d; i++)
        vectors[i * dims + c] =
          (vectors[i * dims + c] as number) + w * (basis[a * d + i] as number);
    }
  }
  return { numFeatures: d, dims, vectors, mean };
}

/** Entries of up to `sampleRows` evenly spaced rows (zeros left out), and their mean. */
interface Sample {
  readonly count: number;
  readonly start: Int32Array;
  readonly at: Int32Array;
  readonly value: Float64Array;
  readonly mean: Float64Array;
}

function sampleEntries(rows: Float32Array, numRows: number, d: number, sampleRows: number): Sample {
  const count = Math.min(numRows, sampleRows);
  const start = new Int32Array(count + 1);
  const at: number[] = [];
  const value: number[] = [];
  const mean = new Float64Array(d);
  for (let s = 0; s < count; s++) {
    const row = Math.floor((s * numRows) / count) * d;
    start[s] = at.length;
    for (let i = 0; i < d; i++) {
      const v = rows[row + i] as number;
      if (v !== 0) {
        at.push(i);
        value.push(v);
        mean[i] = (mean[i] as number) + v / count;
      }
    }
  }
  start[count] = at.length;
  return { count, start, at: Int32Array.from(at), value: Float64Array.from(value), mean };
}

/** The sample's covariance, d × d (for small d). */
function covariance({ count, start, at, value, mean }: Sample, d: number): Float64Array {
  const c = new Float64Array(d * d);
  for (let s = 0; s < count; s++) {
    for (let a = start[s] as number; a < (start[s + 1] as number); a++) {
      const row = (at[a] as number) * d;
      const va = (value[a] as number) / count;
      for (let b = start[s] as number; b < (start[s + 1] as number); b++) {
        const ib = row + (at[b] as number);
        c[ib] = (c[ib] as number) + va * (value[b] as number);
      }
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++)
      c[i * d + j] = (c[i * d + j] as number) - (mean[i] as number) * (mean[j] as number);
  }
  return c;
}

/** C · v for each of the p vectors (vector-major p × d), C the sample's covariance. */
function applyCovariance(sample: Sample, v: Float64Array, d: number, p: number): Float64Array {
  const { count, start, at, value, mean } = sample;
  // Feature-major copies, so that each entry touches p contiguous values.
  const vt = new Float64Array(d * p);
  for (let a = 0; a < p; a++) for (let i = 0; i < d; i++) vt[i * p + a] = v[a * d + i] as number;
  const out = new Float64Array(d * p);
  const y = new Float64Array(p);
  for (let s = 0; s < count; s++) {
    y.fill(0);
    for (let e = start[s] as number; e < (start[s + 1] as number); e++) {
      const row = (at[e] as number) * p;
      const x = value[e] as number;
      for (let a = 0; a < p; a++) y[a] = (y[a] as number) + x * (vt[row + a] as number);
    }
    for (let e = start[s] as number; e < (start[s + 1] as number); e++) {
      const row = (at[e] as number) * p;
      const x = (value[e] as number) / count;
      for (let a = 0; a < p; a++) out[row + a] = (out[row + a] as number) + x * (y[a] as number);
    }
  }
  // Minus μ (μᵀ v), then back to vector-major.
  const result = new Float64Array(p * d);
  for (let a = 0; a < p; a++) {
    let mv = 0;
    for (let i = 0; i < d; i++) mv += (mean[i] as number) * (vt[i * p + a] as number);
    for (let i = 0; i < d; i++)
      result[a * d + i] = (out[i * p + a] as number) - (mean[i] as number) * mv;
  }
  return result;
}

/** Seeded pseudo-random starting vectors, p × d (vector-major). */
function startingVectors(d: number, p: number): Float64Array {
  let state = 0x2545f491;
  const out = new Float64Array(p * d);
  for (let i = 0; i < out.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 32 - 0.5;
  }
  return out;
}

/**
 * Modified Gram–Schmidt, twice over (enough for orthogonality to rounding). A vector that is
 * (numerically) in the span of the earlier ones becomes zero: the data has fewer dimensions.
 */
function orthonormalize(v: Float64Array, d: number, p: number): void {
  for (let a = 0; a < p; a++) {
    const base = a * d;
    let before = 0;
    for (let i = 0; i < d; i++) before += (v[base + i] as number) ** 2;
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < a; b++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += (v[base + i] as number) * (v[b * d + i] as number);
        for (let i = 0; i < d; i++)
          v[base + i] = (v[base + i] as number) - dot * (v[b * d + i] as number);
      }
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += (v[base + i] as number) ** 2;
    const scale = norm > before * 1e-20 && norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < d; i++) v[base + i] = (v[base + i] as number) * scale;
  }
}

/** Indices of `values` from largest to smallest. */
function descending(values: Float64Array): number[] {
  return Array.from(values.keys()).sort((a, b) => (values[b] as number) - (values[a] as number));
}

/**
 * Eigenvalues and eigenvectors (columns of the n × n row-major `vectors`) of a symmetric matrix,
 * by cyclic Jacobi rotations until the off-diagonal part is negligible.
 */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < a.length; i++) total += (a[i] as number) ** 2;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) off += (a[i * n + j] as number) ** 2;
    if (off <= total * 1e-30 || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const app = a[p * n + p] as number;
        const aqq = a[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number;
  return { values, vectors: v };
}
