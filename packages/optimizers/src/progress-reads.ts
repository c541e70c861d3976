import { OptimizerStateError } from './errors.js';

/** The parts of a progress value that read the optimizer's live state. */
export interface ProgressReads<S> {
  /** x where the progress was reported, copied when first read. */
  x(): Float64Array;
  saveState(): S;
}

/** Where the optimizer is, for the progress value it is about to report. */
export interface LivePosition<S> {
  readonly unit: 'iteration' | 'step';
  /** The iteration or step the optimizer is at now. */
  readonly position: () => number;
  /** Whether the optimizer is still where it was when the progress value was made. */
  readonly unmoved: () => boolean;
  readonly x: () => Float64Array;
  readonly snapshot: () => S;
}

/**
 * x and saveState() for a progress value, valid until the optimizer moves on (then they throw
 * OptimizerStateError). Copying x costs as much as a large allocation (tens of µs at n ≈ 8k), so
 * it is made only when read; the copy, once made, stays valid.
 */
export function progressReads<S>(live: LivePosition<S>): ProgressReads<S> {
  const at = live.position();
  const stale = (what: string): OptimizerStateError =>
    new OptimizerStateError(
      `${what} of ${live.unit} ${at} was first used after the optimizer moved on to ${live.unit} ${live.position()}; ` +
        'use it before pulling the next progress value',
    );
  let xCopy: Float64Array | undefined;
  return {
    x: () => {
      if (xCopy === undefined) {
        if (!live.unmoved()) throw stale('progress.x');
        xCopy = live.x().slice();
      }
      return xCopy;
    },
    saveState: () => {
      if (!live.unmoved()) throw stale('saveState()');
      return live.snapshot();
    },
  };
}
