import type { Dataset } from '@digitlab/datasets';
import type { ProgressUnit, StopReason } from './training-event.js';

/** What a plugin's `train` is given: the validated data and options, and how to stop. */
export interface TrainContext<O, M> {
  /** The training set, already checked by `validateTrainingData`. */
  readonly data: Dataset;
  readonly options: O;
  /**
   * Fires on the caller's abort and on `dispose()`. Checking it is optional: once it has fired the
   * driver pulls no further step (except to collect the end after a step flagged final), but a
   * solver that sees it can stop mid-step. A consumer that leaves the loop closes `steps` instead.
   */
  readonly signal: AbortSignal;
  /** The classifier's current model, if it has one (for warm starts). */
  readonly model: M | undefined;
  /**
   * Parameters the caller asked training to start from (`FitOptions.warmStartFrom`, same plugin),
   * given only to definitions that declare `warmStarts`.
   */
  readonly initial?: M;
  /**
   * A state one of this plugin's trainers saved (`TrainingStep.saveState` or `TrainingEnd.state`)
   * in an earlier fit with the same options and data: continue from it, so that the steps after it
   * are exactly those the uninterrupted fit would have taken (with their step numbers). Solvers
   * from @digitlab/optimizers take it as their `resume` hook.
   */
  readonly resume?: unknown;
}

/** One step of training (an iteration, an epoch, a chunk of a one-pass fit). */
export interface TrainingStep<M> {
  /**
   * The model after this step: held-out evaluation, `save()` and an abort all see it. Yield a new
   * object for new parameters: the driver tells models apart by identity (to release the one
   * replaced, and to know which model a training accuracy belongs to), and a model handed out
   * must not change afterwards.
   */
  readonly model: M;
  /** The step's number; default: one more than the previous step (the first is 1). */
  readonly step?: number;
  /** Whether training ends after this step; default: `step >= total`. */
  readonly final?: boolean;
  readonly objective?: number;
  /** max |gᵢ|, the quantity scikit-learn's `tol` is compared with. */
  readonly gradientNorm?: number;
  /** Objective evaluations so far. */
  readonly evaluations?: number;
  readonly stepSize?: number;
  readonly learningRate?: number;
  /** Training-set accuracy of this step's model, when the plugin knows it cheaply. */
  readonly trainAccuracy?: number;
  /** Free text for steps that are not numeric (e.g. "indexed 6000 of 10000 samples"). */
  readonly message?: string;
  /**
   * The trainer's state after this step as JSON data (numbers, number arrays, objects), for a
   * checkpoint: `train` given it as `TrainContext.resume` continues from here. Valid until the
   * next step is pulled. A trainer without it is resumed by training again from the start.
   */
  saveState?(): unknown;
}

/** How training ended, as the plugin tells it. */
export interface TrainingEnd<M> {
  /** The final model; default: the last step's. */
  readonly model?: M;
  readonly stopReason: StopReason;
  readonly converged: boolean;
  /** In words: which criterion stopped training, with its numbers. */
  readonly message: string;
  /** Advice when training stopped without converging. */
  readonly warning?: string;
  /** Steps taken; default: the last step's number. */
  readonly steps?: number;
  readonly evaluations?: number;
  readonly objective?: number;
  readonly gradientNorm?: number;
  readonly trainAccuracy?: number;
  /** The trainer's state where it ended (see `TrainingStep.saveState`), e.g. mid-epoch after an abort. */
  readonly state?: unknown;
}

/**
 * The generator a plugin usually writes for `Trainer.steps`: it yields the steps and returns how
 * training ended.
 */
export type TrainingSteps<M> = AsyncGenerator<TrainingStep<M>, TrainingEnd<M>, undefined>;

/**
 * A training run as a plugin supplies it: how to describe it, then its steps. `steps` is pulled
 * one step at a time, so a paused consumer pauses training; the driver closes it (`return()`) and
 * calls `release` however the fit ends, so resources held by either are freed.
 */
export interface Trainer<M> {
  readonly unit: ProgressUnit;
  /** The most steps training can take (max_iter, epochs, …), when known. */
  readonly total?: number;
  /** One line: the algorithm and its settings. */
  readonly description: string;
  /** Things the user should see before training starts (e.g. a backend fallback). */
  readonly notes?: readonly string[];
  /** What steps' `evaluations` count, as a short plural noun (e.g. 'f-evals', 'batches'). */
  readonly evaluationsUnit?: string;
  readonly steps: AsyncIterator<TrainingStep<M>, TrainingEnd<M> | undefined, undefined>;
  /**
   * The trainer ends itself promptly once `signal` fires (a solver that checks it between steps):
   * after an abort the driver pulls once more to collect that end and its message.
   */
  readonly watchesSignal?: boolean;
  /** Free what `train` set up outside `steps` (worker threads, tensors). */
  release?(): void | Promise<void>;
}
