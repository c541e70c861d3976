/** Accumulates time only while running, so pauses (a consumer not pulling, evaluation) are left out. */
export class Stopwatch {
  private total = 0;
  private since: number | undefined;

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
