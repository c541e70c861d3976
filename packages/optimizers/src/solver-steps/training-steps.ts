import { sameVector } from '../vector-ops.js';
import type { SolverOutcome, SolverState, SolverStep } from './solver-step.js';

/** A solver step as a classifier's training step: the model at its x instead of x itself. */
export interface ModelStep<M> {
  readonly model: M;
  readonly step: number;
  readonly final: boolean;
  readonly objective: number;
  readonly gradientNorm: number;
  readonly evaluations: number;
  readonly stepSize?: number;
  readonly learningRate?: number;
  readonly trainAccuracy?: number;
  /** The solver's state after this step (see `SolverStep.saveState`), to continue from it. */
  saveState(): SolverState;
}

/** How a solver run ended, as a classifier's training end. */
export interface ModelOutcome<M> extends Omit<SolverOutcome, 'x' | 'correct'> {
  /** Absent when the run ended at its last step's x: that step's model is the final one. */
  readonly model?: M;
  readonly trainAccuracy?: number;
}

/** What `trainingSteps` needs besides the solver run. */
export interface TrainingStepsOptions<M> {
  /** The model at parameters x, a new object on every call. */
  readonly model: (x: Float64Array) => M;
  /** Training samples, to turn a step's `correct` count into an accuracy. */
  readonly numSamples: number;
  /** Report the training accuracy every this many steps, on the final step and at the end (0 = never). */
  readonly trainAccuracyEvery: number;
  /**
   * The training accuracy at x, for points whose evaluation did not count correct samples. Without
   * it only the solver's own counts are reported (L-BFGS's full-batch pass counts them for free),
   * and a point without one has no training accuracy here: core's fit driver measures it off the
   * fit clock when `FitOptions.trainAccuracy` asks, which keeps a pass over the training set (an
   * evaluation, not fitting) out of a mini-batch solver's fit time.
   */
  readonly trainAccuracy?: (x: Float64Array) => number | Promise<number>;
  /**
   * Awaited before `trainAccuracy` and after every step is handed out, e.g. to make the caller's
   * compute backend active again: the consumer may have switched it meanwhile.
   */
  readonly beforeEvaluation?: () => void | Promise<void>;
}

/**
 * A solver run as a classifier's training steps: the model at each step, with the training
 * accuracy when it is due (from the solver's count when it has one, else measured once per point
 * if `trainAccuracy` is given),
 * and the run's outcome as the end. Closing the steps closes the solver.
 */
export async function* trainingSteps<M>(
  solver: AsyncGenerator<SolverStep, SolverOutcome, undefined>,
  options: TrainingStepsOptions<M>,
): AsyncGenerator<ModelStep<M>, ModelOutcome<M>, undefined> {
  const { model, numSamples, trainAccuracyEvery: every, beforeEvaluation } = options;
  // A forward pass over the training set is not free with mini-batches: remember the last one.
  let known: { x: Float64Array; accuracy: number } | undefined;
  const measure = options.trainAccuracy;
  const trainAccuracyAt = async (
    x: Float64Array,
    correct: number | undefined,
  ): Promise<{ trainAccuracy?: number }> => {
    if (correct !== undefined) {
      known = { x, accuracy: correct / numSamples };
    } else if (known === undefined || !sameVector(known.x, x)) {
      if (measure === undefined) return {};
      await beforeEvaluation?.();
      known = { x, accuracy: await measure(x) };
    }
    return { trainAccuracy: known.accuracy };
  };
  let last: Float64Array | undefined;
  try {
    for (;;) {
      const next = await solver.next();
      if (next.done) {
        const end = next.value;
        const { x, correct } = end;
        // The outcome's other fields as they are: its state may be a getter, built when read.
        const fields = Object.getOwnPropertyDescriptors(end) as Partial<
          Record<keyof SolverOutcome, PropertyDescriptor>
        >;
        delete fields.x;
        delete fields.correct;
        const outcome = Object.defineProperties(
          // The solver may end away from its last step (e.g. aborted before its first).
          last && sameVector(last, x) ? {} : { model: model(x) },
          fields,
        ) as ModelOutcome<M>;
        return Object.assign(outcome, every > 0 ? await trainAccuracyAt(x, correct) : {});
      }
      const s = next.value;
      last = s.x;
      const due = every > 0 && (s.final || s.step % every === 0);
      yield {
        model: model(s.x),
        step: s.step,
        final: s.final,
        objective: s.objective,
        gradientNorm: s.gradientNorm,
        evaluations: s.evaluations,
        ...(s.stepSize === undefined ? {} : { stepSize: s.stepSize }),
        ...(s.learningRate === undefined ? {} : { learningRate: s.learningRate }),
        saveState: s.saveState,
        ...(due ? await trainAccuracyAt(s.x, s.correct) : {}),
      };
      await beforeEvaluation?.();
    }
  } finally {
    await solver.return(undefined as never);
  }
}
