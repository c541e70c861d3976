/** When FastestVariant times the variants and when it settles. */
export interface FastestVariantOptions {
  /** Consecutive calls each variant gets in its turn. Default 2. */
  readonly callsPerTurn?: number;
  /**
   * Calls that are not timed first: the engine runs a function's unoptimized code until its
   * optimizing compiler has caught up (for WebAssembly, V8's Liftoff code). Default 48.
   */
  readonly warmupCalls?: number;
  /** Calls after which the fastest variant is kept for good. Default 144. */
  readonly decideAfter?: number;
}

/**
 * Chooses the fastest of interchangeable implementations (variants that compute the same results
 * and differ only in speed, which depends on the CPU) by timing the calls a workload makes
 * anyway: the variants take turns, each call's cost (time per unit of work) is recorded after a
 * warm-up, and after `decideAfter` calls the variant with the lowest cost seen is kept. The lowest
 * rather than the typical cost: a call slowed by the operating system or a garbage collection says
 * nothing about the code. Until then, calls cost what the slower variants cost, for a few
 * milliseconds. Pure: the caller measures.
 */
export class FastestVariant {
  readonly count: number;
  private readonly callsPerTurn: number;
  private readonly warmupCalls: number;
  private readonly decideAfter: number;
  private readonly lowest: Float64Array;
  private calls = 0;
  private kept: number | undefined;

  constructor(count: number, options: FastestVariantOptions = {}) {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`FastestVariant: expected at least one variant, found ${count}`);
    }
    this.count = count;
    this.callsPerTurn = options.callsPerTurn ?? 2;
    this.warmupCalls = options.warmupCalls ?? 48;
    this.decideAfter = options.decideAfter ?? 144;
    this.lowest = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
    if (count === 1) this.kept = 0;
  }

  /** The variant the next call should use. */
  next(): number {
    return this.kept ?? Math.floor(this.calls / this.callsPerTurn) % this.count;
  }

  /** Whether the next call should be timed (still choosing, and past the warm-up). */
  get timing(): boolean {
    return this.kept === undefined && this.calls >= this.warmupCalls;
  }

  /** The variant kept for good, once chosen. */
  get chosen(): number | undefined {
    return this.kept;
  }

  /**
   * The call just made with `next()`'s variant cost `cost` (time per unit of work); a cost that is
   * not a finite positive number (an untimed call, or one with no work) only counts the call.
   */
  done(cost: number): void {
    if (this.kept !== undefined) return;
    const variant = this.next();
    if (this.calls >= this.warmupCalls && cost > 0 && cost < (this.lowest[variant] as number)) {
      this.lowest[variant] = cost;
    }
    this.calls++;
    if (this.calls >= this.decideAfter) {
      let best = 0;
      for (let v = 1; v < this.count; v++) {
        if ((this.lowest[v] as number) < (this.lowest[best] as number)) best = v;
      }
      this.kept = best;
    }
  }

  /** Keep `variant` from now on, without timing (benchmarks and tests of each variant). */
  keep(variant: number): void {
    if (!Number.isInteger(variant) || variant < 0 || variant >= this.count) {
      throw new RangeError(
        `FastestVariant.keep: expected a variant from 0 to ${this.count - 1}, found ${variant}`,
      );
    }
    this.kept = variant;
  }
}
