/**
 * The last m correction pairs (s, y) of L-BFGS in preallocated ring buffers, with the two-loop
 * recursion that applies the implied inverse-Hessian approximation without forming it.
 */
export class LbfgsHistory {
  readonly s: Float64Array[];
  readonly y: Float64Array[];
  /** sᵀy of each slot. */
  readonly sy: Float64Array;
  /** yᵀy of each slot. */
  readonly yy: Float64Array;
  private readonly alpha: Float64Array;
  /** Slot the next pair is written to. */
  private head = 0;
  private stored = 0;

  constructor(
    readonly capacity: number,
    readonly dimension: number,
  ) {
    // One allocation for all 2m vectors: large typed arrays are costly to allocate one by one.
    const backing = new Float64Array(2 * capacity * dimension);
    const view = (k: number): Float64Array => backing.subarray(k * dimension, (k + 1) * dimension);
    this.s = Array.from({ length: capacity }, (_, k) => view(k));
    this.y = Array.from({ length: capacity }, (_, k) => view(capacity + k));
    this.sy = new Float64Array(capacity);
    this.yy = new Float64Array(capacity);
    this.alpha = new Float64Array(capacity);
  }

  /** Number of pairs held (≤ capacity). */
  get size(): number {
    return this.stored;
  }

  /** The s buffer the next pair will occupy; write into it, then `commit` or leave it unused. */
  get nextS(): Float64Array {
    return this.s[this.head]!;
  }

  /** The y buffer the next pair will occupy. */
  get nextY(): Float64Array {
    return this.y[this.head]!;
  }

  /** Keeps the pair written into `nextS`/`nextY`, evicting the oldest when full. */
  commit(sy: number, yy: number): void {
    this.sy[this.head] = sy;
    this.yy[this.head] = yy;
    this.head = (this.head + 1) % this.capacity;
    if (this.stored < this.capacity) this.stored++;
  }

  /** Forgets every pair (a restart from steepest descent). */
  clear(): void {
    this.head = 0;
    this.stored = 0;
  }

  /** Slot index of the k-th oldest pair, k = 0 … size − 1. */
  slot(k: number): number {
    return (this.head - this.stored + k + this.capacity) % this.capacity;
  }

  /**
   * Writes d = −H·g into `out` by the two-loop recursion, H₀ = γI with γ = sᵀy / yᵀy of the newest
   * pair, and returns the slope gᵀd.
   */
  direction(g: Float64Array, out: Float64Array): number {
    const size = this.stored;
    if (size === 0) return negateAndDot(g, out);
    // Each update of q (or r) is fused with the dot product the next step needs, so the recursion
    // makes 2·size + 1 passes over n instead of 4·size + 2, and the dot products use four
    // accumulators so their additions do not wait on each other (the loops would otherwise be
    // bound by floating-point add latency, not by arithmetic or memory).
    const cap = this.capacity;
    const alpha = this.alpha;
    const sy = this.sy;
    const newest = this.head === 0 ? cap - 1 : this.head - 1;
    let j = newest;
    alpha[j] = negateAndDot(g, out, this.s[j]!) / sy[j]!;
    for (let k = 1; k < size; k++) {
      const y = this.y[j]!;
      const a = alpha[j]!;
      j = j === 0 ? cap - 1 : j - 1;
      alpha[j] = updateAndDot(out, 1, -a, y, this.s[j]!) / sy[j]!;
    }
    // j is the oldest pair: finish its update, scale by γ, and start the second loop with it.
    const gamma = sy[newest]! / this.yy[newest]!;
    const oldestY = this.y[j]!;
    let coefficient =
      alpha[j]! - updateAndDot(out, gamma, -gamma * alpha[j]!, oldestY, oldestY) / sy[j]!;
    for (let k = 1; k < size; k++) {
      const s = this.s[j]!;
      j = j + 1 === cap ? 0 : j + 1;
      coefficient = alpha[j]! - updateAndDot(out, 1, coefficient, s, this.y[j]!) / sy[j]!;
    }
    return updateAndDot(out, 1, coefficient, this.s[j]!, g);
  }
}

/** out = −g; returns wᵀout, or gᵀout = −gᵀg (the slope of steepest descent) without w. */
function negateAndDot(g: Float64Array, out: Float64Array, w?: Float64Array): number {
  const n = g.length;
  const v = w ?? g;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const q0 = -g[i]!;
    const q1 = -g[i + 1]!;
    const q2 = -g[i + 2]!;
    const q3 = -g[i + 3]!;
    out[i] = q0;
    out[i + 1] = q1;
    out[i + 2] = q2;
    out[i + 3] = q3;
    a0 += v[i]! * q0;
    a1 += v[i + 1]! * q1;
    a2 += v[i + 2]! * q2;
    a3 += v[i + 3]! * q3;
  }
  for (; i < n; i++) {
    const q = -g[i]!;
    out[i] = q;
    a0 += v[i]! * q;
  }
  return a0 + a1 + (a2 + a3);
}

/** out = scale·out + c·u, then returns vᵀout (v may be u). */
function updateAndDot(
  out: Float64Array,
  scale: number,
  c: number,
  u: Float64Array,
  v: Float64Array,
): number {
  const n = out.length;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = scale * out[i]! + c * u[i]!;
    const r1 = scale * out[i + 1]! + c * u[i + 1]!;
    const r2 = scale * out[i + 2]! + c * u[i + 2]!;
    const r3 = scale * out[i + 3]! + c * u[i + 3]!;
    out[i] = r0;
    out[i + 1] = r1;
    out[i + 2] = r2;
    out[i + 3] = r3;
    a0 += v[i]! * r0;
    a1 += v[i + 1]! * r1;
    a2 += v[i + 2]! * r2;
    a3 += v[i + 3]! * r3;
  }
  for (; i < n; i++) {
    const r = scale * out[i]! + c * u[i]!;
    out[i] = r;
    a0 += v[i]! * r;
  }
  return a0 + a1 + (a2 + a3);
}
