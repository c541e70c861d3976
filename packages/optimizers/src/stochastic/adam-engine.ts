import { InvalidArgumentError } from '../errors.js';
import type { MiniBatchEvaluation } from '../evaluate-objective.js';
import { readCount, restoreBuffer } from '../state-arrays.js';
import { toNumberArray } from '../vector-ops.js';
import type { Stepper } from './stepper.js';
import type { AdamBuffers } from './stochastic-state.js';

/**
 * Adam's per-step constants: the moment decays and the bias corrections folded into two numbers,
 * lr·m/(1−β1ᵗ) as stepScale·m and √(v/(1−β2ᵗ)) as √v·rootScale, so the update of one entry is
 * m ← keep1·m + take1·g, v ← keep2·v + take2·g², x ← x − stepScale·m / (√v·rootScale + ε).
 */
export interface AdamStepConstants {
  readonly keep1: number;
  readonly take1: number;
  readonly keep2: number;
  readonly take2: number;
  readonly stepScale: number;
  readonly rootScale: number;
  readonly epsilon: number;
}

/** The constants of step t (1-based) at learning rate lr. */
export function adamStepConstants(
  beta1: number,
  beta2: number,
  epsilon: number,
  lr: number,
  t: number,
): AdamStepConstants {
  return {
    keep1: beta1,
    take1: 1 - beta1,
    keep2: beta2,
    take2: 1 - beta2,
    stepScale: lr / (1 - beta1 ** t),
    rootScale: 1 / Math.sqrt(1 - beta2 ** t),
    epsilon,
  };
}

/**
 * A mini-batch objective that applies Adam's update itself, to a point and moments it holds — in
 * its own precision or split over threads, where handing the gradient back and forth would cost
 * more than the arithmetic. `adam` drives it instead of an objective and its own update when
 * `options.engine` is given; the loop (epochs, shuffles, schedules, stopping rules, saved states)
 * stays the optimizer's.
 */
export interface AdamEngine {
  /** Length of the parameter vector. */
  readonly dimension: number;
  /** Start from the point x with first and second moments m and v (zeros for a new run). */
  load(x: Float64Array, m: Float64Array, v: Float64Array): void;
  /**
   * Evaluate the mean loss over the samples in `batch` at the current point and, when the loss and
   * every gradient entry are finite, apply Adam's update with `constants` (else change nothing).
   * `normInf` and `sumOfSquares` are the gradient's.
   */
  step(
    batch: Uint32Array,
    constants: AdamStepConstants,
  ): MiniBatchEvaluation | Promise<MiniBatchEvaluation>;
  /** Copy the current point and moments out. */
  save(x: Float64Array, m: Float64Array, v: Float64Array): void;
  /**
   * Copy the current point out without the moments, if that is cheaper: the loop reads the point
   * after every epoch (for the model it reports) but the moments only for a saved state.
   */
  savePoint?(x: Float64Array): void;
}

/**
 * The stepper `adam` runs on an engine: Adam's step count and the moments' saved form stay here,
 * the point and moments in the engine (read back only when the loop asks for the point or a saved
 * state).
 */
export function engineStepper(
  engine: AdamEngine,
  start: Float64Array,
  settings: { readonly beta1: number; readonly beta2: number; readonly epsilon: number },
  saved: Record<string, unknown> | undefined,
): Stepper<AdamBuffers> {
  const n = start.length;
  if (engine.dimension !== n) {
    throw new InvalidArgumentError(
      'engine.dimension',
      `${n} (the start point's length)`,
      engine.dimension,
    );
  }
  const m = restoreBuffer(saved, 'm', n, 'adam');
  const v = restoreBuffer(saved, 'v', n, 'adam');
  let t = saved ? readCount(saved.t, 'buffers.t', 'adam') : 0;
  const x = new Float64Array(start);
  engine.load(x, m, v);
  // Whether x, and m and v, hold the engine's current point and moments.
  let pointCurrent = true;
  let momentsCurrent = true;
  const exportAll = (): void => {
    engine.save(x, m, v);
    pointCurrent = true;
    momentsCurrent = true;
  };
  const point = (): Float64Array => {
    if (!pointCurrent) {
      if (engine.savePoint === undefined) exportAll();
      else {
        engine.savePoint(x);
        pointCurrent = true;
      }
    }
    return x;
  };
  const { beta1, beta2, epsilon } = settings;
  return {
    async step(batch, learningRate) {
      const pending = engine.step(
        batch,
        adamStepConstants(beta1, beta2, epsilon, learningRate, t + 1),
      );
      const evaluation = pending instanceof Promise ? await pending : pending;
      const norm2 = Math.sqrt(evaluation.sumOfSquares);
      if (!evaluation.finite) {
        return {
          value: evaluation.value,
          finite: false,
          nonFinite: Number.isFinite(evaluation.value)
            ? `gradient (max |g_i| = ${String(evaluation.normInf)}, ‖g‖ = ${String(norm2)})`
            : `loss ${String(evaluation.value)}`,
          normInf: evaluation.normInf,
          norm2,
        };
      }
      t++;
      pointCurrent = false;
      momentsCurrent = false;
      return { value: evaluation.value, finite: true, normInf: evaluation.normInf, norm2 };
    },
    point,
    settle() {
      if (!momentsCurrent) exportAll();
    },
    save() {
      if (!momentsCurrent) exportAll();
      return { m: toNumberArray(m), v: toNumberArray(v), t };
    },
  };
}
