// Int32 cells of a lockstep in its SharedArrayBuffer.
const ARRIVED = 0;
const GENERATION = 1;
const SEQUENCE = 2;
const COMMAND = 3;
const STOPPED = 4;
const CELLS = 5;

/** Bytes a lockstep takes in its SharedArrayBuffer (a multiple of 8, so float64 data can follow). */
export const LOCKSTEP_BYTES = 24;

/** How long a party spins before it sleeps, and how long it waits at the most. */
export interface LockstepOptions {
  /** What the parties are called in errors ("mlp part 2 of 2 …"). */
  readonly label: string;
  /** Milliseconds of spinning before sleeping in `Atomics.wait` (short waits stay cheap). Default 0.5. */
  readonly spinMs?: number;
  /**
   * Milliseconds `arrive` waits for the other parties before it throws (a party that crashed
   * never arrives). Default 60 000.
   */
  readonly timeoutMs?: number;
}

/** Thrown in every party once the lockstep is stopped (by `stop`, from any thread). */
export class LockstepStopped extends Error {
  constructor(label: string) {
    super(`${label}: stopped`);
    this.name = 'LockstepStopped';
  }
}

/**
 * Threads that move together over a SharedArrayBuffer: a leader posts numbered commands that the
 * followers take in order (`post` / `next`), and all parties meet at a reusable barrier
 * (`arrive`). Waits spin briefly and then sleep in `Atomics.wait`, so the short waits of a
 * data-parallel step cost microseconds while an idle follower costs nothing. Each thread builds
 * its own Lockstep over the same buffer and offset.
 */
export class Lockstep {
  readonly parties: number;
  private readonly cells: Int32Array;
  private readonly label: string;
  private readonly spinMs: number;
  private readonly timeoutMs: number;
  private seen: number;

  constructor(
    buffer: SharedArrayBuffer,
    byteOffset: number,
    parties: number,
    options: LockstepOptions,
  ) {
    if (!Number.isInteger(parties) || parties < 1) {
      throw new RangeError(`Lockstep: expected at least one party, found ${parties}`);
    }
    this.parties = parties;
    this.cells = new Int32Array(buffer, byteOffset, CELLS);
    this.label = options.label;
    this.spinMs = options.spinMs ?? 0.5;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.seen = Atomics.load(this.cells, SEQUENCE);
  }

  /** Wait until every party has arrived (then all go on together); throws once stopped. */
  arrive(): void {
    const c = this.cells;
    this.throwIfStopped();
    const generation = Atomics.load(c, GENERATION);
    if (Atomics.add(c, ARRIVED, 1) + 1 === this.parties) {
      Atomics.store(c, ARRIVED, 0);
      Atomics.add(c, GENERATION, 1);
      Atomics.notify(c, GENERATION);
      return;
    }
    this.waitWhile(GENERATION, generation, this.timeoutMs, 'the other parties to arrive');
  }

  /** Leader: post the next command (a number) to every follower. */
  post(command: number): void {
    this.throwIfStopped();
    Atomics.store(this.cells, COMMAND, command);
    Atomics.add(this.cells, SEQUENCE, 1);
    Atomics.notify(this.cells, SEQUENCE);
  }

  /** Follower: wait (without a time limit) for the leader's next command and return it. */
  next(): number {
    this.waitWhile(SEQUENCE, this.seen, Number.POSITIVE_INFINITY, 'a command');
    this.seen = Atomics.load(this.cells, SEQUENCE);
    return Atomics.load(this.cells, COMMAND);
  }

  /** Stop the lockstep: every party waiting now or later throws LockstepStopped. */
  stop(): void {
    Atomics.store(this.cells, STOPPED, 1);
    Atomics.notify(this.cells, GENERATION);
    Atomics.notify(this.cells, SEQUENCE);
  }

  get stopped(): boolean {
    return Atomics.load(this.cells, STOPPED) === 1;
  }

  private throwIfStopped(): void {
    if (this.stopped) throw new LockstepStopped(this.label);
  }

  private waitWhile(cell: number, value: number, timeoutMs: number, what: string): void {
    // Spin first: within a step the other party is usually microseconds away.
    const start = performance.now();
    if (this.spin(cell, value, start + this.spinMs)) return;
    this.sleepWhile(cell, value, start, timeoutMs, what);
  }

  /**
   * Spin until the cell no longer holds `value` (true) or the clock passes `until` (false). On its
   * own, so the hot loop's optimized code holds nothing that runs only in long waits (V8 would
   * otherwise drop it on the first long wait, and again on later ones).
   */
  private spin(cell: number, value: number, until: number): boolean {
    const c = this.cells;
    for (let spins = 1; ; spins++) {
      if (Atomics.load(c, cell) !== value) return true;
      if ((spins & 255) === 0) {
        this.throwIfStopped();
        if (performance.now() > until) return false;
      }
    }
  }

  /** Sleep in `Atomics.wait` until the cell no longer holds `value`, or throw after timeoutMs. */
  private sleepWhile(
    cell: number,
    value: number,
    start: number,
    timeoutMs: number,
    what: string,
  ): void {
    const c = this.cells;
    for (;;) {
      this.throwIfStopped();
      const waited = performance.now() - start;
      if (waited > timeoutMs) {
        throw new Error(
          `${this.label}: expected ${what} within ${timeoutMs} ms, found none after ${Math.round(waited)} ms (a thread stopped or hung)`,
        );
      }
      Atomics.wait(c, cell, value, Math.min(100, timeoutMs - waited));
      if (Atomics.load(c, cell) !== value) return;
    }
  }
}
