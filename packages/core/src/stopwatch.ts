/** Accumulates time only while running, so pauses (a consumer not pulling, evaluation) are left out. */
export class Stopwatch {
  private total: number;
  private since: number | undefined;

  /** `priorMs`: time accumulated before (e.g. by the fit a resumed one continues). */
  constructor(priorMs = 0) {
    this.total = priorMs;
  }

  /** Start (or keep) running. */
  start(): void {
    this.since ??= performance.now();
  }

  /** Stop running, adding the time since `start`. */
  stop(): void {
    if (this.since === undefined) return;
    this.total += performance.now() - this.since;
    this.since = undefined;
  }

  /** Milliseconds accumulated, including the current run. */
  get elapsedMs(): number {
    return this.total + (this.since === undefined ? 0 : performance.now() - this.since);
  }
}
