import type { Dataset } from '@digitlab/datasets';
import type { Classifier, FitOptions } from './classifier.js';
import type { InspectContext, ModelFiles } from './classifier-definition.js';
import { ClassifierInputError, NotFittedError } from './errors.js';
import { CHECKPOINT_EVERY_SECONDS, type FitCheckpoint } from './fit-checkpoint.js';
import {
  createHeldOutEvaluator,
  type HeldOutEvaluator,
  predictInBatches,
} from './held-out-evaluator.js';
import type { ImageSet } from './image-set.js';
import type { ModelArtifact } from './model-artifact.js';
import { type ModelMetadata, preprocessingToJson } from './model-metadata.js';
import { Stopwatch } from './stopwatch.js';
import type { TrainContext, Trainer, TrainingEnd, TrainingStep } from './trainer.js';
import type {
  EvaluatingEvent,
  FitResult,
  HeldOutEvaluation,
  ProgressUnit,
  TrainingEvent,
} from './training-event.js';
import { validateFeatures } from './validate-features.js';
import {
  scoreDataset,
  type TrainingDataRequirements,
  validateTrainingData,
} from './validate-training-data.js';

/** The part of a ClassifierDefinition the driver runs, in terms of its parsed options `O`. */
export interface Algorithm<O, M> {
  readonly name: string;
  readonly modelOptions?: readonly PropertyKey[];
  readonly warmStarts?: boolean;
  readonly measuresTrainAccuracy?: boolean;
  requirements?(options: O): TrainingDataRequirements;
  train(context: TrainContext<O, M>): Trainer<M> | Promise<Trainer<M>>;
  predictProba(model: M, features: Float32Array, options: O): Float32Array | Promise<Float32Array>;
  predict?(model: M, features: Float32Array, options: O): Int32Array | Promise<Int32Array>;
  encode(model: M, options: O, metadata: ModelMetadata): ModelFiles | Promise<ModelFiles>;
  release?(model: M): void;
  inspect?(model: M, context: InspectContext<O>): readonly ImageSet[];
}

/** What the driver remembers of the current fit, to describe the model in its metadata. */
interface FitRecord {
  readonly data: Dataset;
  readonly options: Readonly<Record<string, unknown>>;
  readonly provenance: Readonly<Record<string, unknown>>;
  step: number;
  objective?: number;
  gradientNorm?: number;
  evaluations?: number;
  trainAccuracy?: number;
  evaluation?: HeldOutEvaluation;
  heldOutSplit?: string;
  fitSeconds?: number;
  /** The trainer's unit and most steps, from its start. */
  unit?: ProgressUnit;
  total?: number;
  end?: { readonly stopReason: string; readonly converged: boolean };
}

/**
 * A classifier run by core's fit driver: the plugin supplies the algorithm, the driver the
 * lifecycle (validation, the event stream, abort and dispose, the stopwatch, held-out evaluation,
 * metadata, `score`, save). One fit at a time; `dispose()` stops a running fit at its next step.
 */
export class DefinedClassifier<O extends Record<string, unknown>, M> implements Classifier {
  private current: M | undefined;
  private shape: { numFeatures: number; numClasses: number } | undefined;
  private loadedMetadata: ModelMetadata | undefined;
  private record: FitRecord | undefined;
  private fitting = false;
  private disposed = false;
  private closeTrainer: (() => Promise<void>) | undefined;
  // dispose() during a fit aborts it, so it ends at its next step.
  private readonly lifetime = new AbortController();

  constructor(
    private readonly algorithm: Algorithm<O, M>,
    readonly options: O,
    restored?: { readonly model: M; readonly metadata: ModelMetadata },
  ) {
    if (restored) {
      this.current = restored.model;
      this.loadedMetadata = restored.metadata;
      this.shape = restored.metadata;
    }
  }

  get plugin(): string {
    return this.algorithm.name;
  }

  get fitted(): boolean {
    return this.current !== undefined;
  }

  get warmStarts(): boolean {
    return this.algorithm.warmStarts === true;
  }

  /** The current model, if any (the latest step's during a fit). */
  get model(): M | undefined {
    return this.current;
  }

  /** The current model; a NotFittedError (or a disposed error) naming `operation` without one. */
  requireModel(operation: string): M {
    this.assertUsable(operation);
    if (this.current === undefined) throw new NotFittedError(this.plugin, operation);
    return this.current;
  }

  /** Train on `train`, streaming a start event, a progress event per step and an end event. */
  async *fit(
    train: Dataset,
    options: FitOptions = {},
  ): AsyncGenerator<TrainingEvent, FitResult, undefined> {
    this.assertUsable('fit');
    const skipsTrainAccuracy = this.algorithm.measuresTrainAccuracy === false;
    const fitOptions: FitOptions = skipsTrainAccuracy
      ? { ...options, trainAccuracy: undefined }
      : options;
    if (this.fitting) {
      throw new ClassifierInputError(
        'fit: expected the previous fit of this classifier to have ended, found it still running',
      );
    }
    const { algorithm: a, options: o } = this;
    validateTrainingData(train, a.requirements?.(o));
    const { numSamples: n, numFeatures: d, numClasses: k } = train;
    // Held-out predictions use the model of this fit so far, whatever `this.current` says.
    let latest: M | undefined;
    const evaluator = createHeldOutEvaluator(fitOptions.evaluate, d, (f) =>
      this.predictWith(latest as M, f),
    );
    const signal = fitOptions.signal
      ? AbortSignal.any([fitOptions.signal, this.lifetime.signal])
      : this.lifetime.signal;
    const { checkpoint, resume } = fitOptions;
    if (resume) this.checkResume(resume, train);
    // A checkpoint without trainer state (k-NN, centroids) is resumed by training again.
    const resumeState = resume?.trainerState ?? undefined;
    const clock = new Stopwatch(resumeState === undefined ? 0 : (resume?.fitSeconds ?? 0) * 1000);
    const record: FitRecord = {
      data: train,
      options: o,
      provenance: fitOptions.provenance ?? {},
      step: resumeState === undefined ? 0 : (resume?.step ?? 0),
      ...(fitOptions.evaluate ? { heldOutSplit: fitOptions.evaluate.data.split } : {}),
    };
    // The state of the latest step no checkpoint holds yet, and when the last one was written.
    // (A function: a step's state can be read only until the trainer moves on.)
    let unsaved: (() => unknown) | undefined;
    let checkpointedAtMs = clock.elapsedMs;
    const writeCheckpoint = async (trainerState: unknown): Promise<void> => {
      if (!checkpoint || latest === undefined) return;
      unsaved = undefined;
      checkpointedAtMs = clock.elapsedMs;
      const metadata = this.metadataOf(record);
      const files = await a.encode(latest, o, metadata);
      await checkpoint.write({
        artifact: { plugin: a.name, metadata, files },
        step: record.step,
        unit: record.unit ?? 'step',
        ...(record.total === undefined ? {} : { total: record.total }),
        fitSeconds: clock.elapsedMs / 1000,
        complete: record.end !== undefined && record.end.stopReason !== 'aborted',
        trainerState: trainerState ?? null,
      });
    };
    this.fitting = true;
    let close: (() => Promise<void>) | undefined;
    try {
      const initial = this.warmStarts ? startOf<M>(fitOptions.warmStartFrom, a.name) : undefined;
      const trainer = await a.train({
        data: train,
        options: o,
        signal,
        model: this.current,
        ...(initial === undefined ? {} : { initial }),
        ...(resumeState === undefined ? {} : { resume: resumeState }),
      });
      let closing: Promise<void> | undefined;
      close = () => {
        closing ??= closeTrainer(trainer);
        return closing;
      };
      this.closeTrainer = close;
      const { unit, total } = trainer;
      record.unit = unit;
      if (total !== undefined) record.total = total;
      yield {
        type: 'start',
        unit,
        ...(total === undefined ? {} : { total }),
        numSamples: n,
        numFeatures: d,
        numClasses: k,
        description: trainer.description,
        ...(trainer.evaluationsUnit === undefined
          ? {}
          : { evaluationsUnit: trainer.evaluationsUnit }),
        ...(trainer.notes && trainer.notes.length > 0 ? { notes: [...trainer.notes] } : {}),
        ...(skipsTrainAccuracy ? { skipsTrainAccuracy } : {}),
      };
      let end: TrainingEnd<M> | undefined;
      let last: TrainingStep<M> | undefined;
      // The training accuracy last known, and the model it belongs to.
      let known: { model: M; accuracy: number } | undefined;
      clock.start();
      // Once aborted, a step is pulled only for a trainer's own end: after a step flagged final, or
      // once from a trainer that watches the signal (a step it yields instead ends the fit).
      let finalSeen = false;
      let pulledAborted = false;
      const watching = trainer.watchesSignal === true;
      while (!this.disposed && (finalSeen || !signal.aborted || (watching && !pulledAborted))) {
        pulledAborted = signal.aborted;
        const next = await trainer.steps.next();
        if (next.done) {
          end = next.value;
          break;
        }
        const s = next.value;
        if (resumeState !== undefined && last === undefined && (s.step ?? 0) <= record.step) {
          throw new ClassifierInputError(
            `resume: expected plugin '${a.name}' to continue after step ${record.step} of the checkpoint, found it starting again at step ${s.step ?? 1} (its trainer ignores TrainContext.resume)`,
          );
        }
        last = s;
        record.step = s.step ?? record.step + 1;
        latest = s.model;
        this.adopt(s.model);
        this.record = record;
        this.shape = { numFeatures: d, numClasses: k };
        const final = s.final ?? (total !== undefined && record.step >= total);
        clock.stop();
        const due = !this.disposed && evaluator?.due(record.step, final, clock.elapsedMs);
        const evaluation = due
          ? yield* this.evaluate(evaluator as HeldOutEvaluator, record.step)
          : undefined;
        let trainAccuracy = s.trainAccuracy;
        if (
          evaluation &&
          trainAccuracy === undefined &&
          fitOptions.trainAccuracy === 'evaluations'
        ) {
          trainAccuracy = yield* this.trainAccuracyOf(s.model, train, record.step);
        }
        if (trainAccuracy !== undefined) known = { model: s.model, accuracy: trainAccuracy };
        Object.assign(
          record,
          defined({
            objective: s.objective,
            gradientNorm: s.gradientNorm,
            evaluations: s.evaluations,
            trainAccuracy,
            evaluation,
          }),
        );
        record.fitSeconds = clock.elapsedMs / 1000;
        if (checkpoint) {
          unsaved = () => s.saveState?.();
          const due =
            checkpoint.every !== undefined
              ? record.step % checkpoint.every === 0
              : clock.elapsedMs - checkpointedAtMs >=
                (checkpoint.everySeconds ?? CHECKPOINT_EVERY_SECONDS) * 1000;
          // The last step's checkpoint is written at the end, with the trainer's end state.
          if (due && !final) await writeCheckpoint(s.saveState?.());
        }
        yield progressEvent(unit, total, record.step, s, trainAccuracy, evaluation, clock);
        finalSeen = final;
        clock.start();
      }
      clock.stop();
      // The trainer has moved past its last step: where it ended is what a checkpoint holds. Read
      // off the clock (it is for the checkpoint; a trainer may build it only when it is read) and
      // while the trainer is open.
      if (end !== undefined && checkpoint) {
        const state = end.state;
        unsaved = () => state;
      }
      // Stopped by an abort: the trainer is still at its last step, so its state is read now.
      const abortedState = end === undefined ? unsaved?.() : undefined;
      // Stopped by an abort: free the trainer before the last evaluation and the end event.
      if (end === undefined) await close();
      if (end?.model !== undefined) {
        latest = end.model;
        this.adopt(end.model);
        // A trainer may end before its first step (a warm start already at the optimum).
        this.record = record;
        this.shape = { numFeatures: d, numClasses: k };
      }
      const ending = end ?? aborted(record.step, unit, last?.message);
      const steps = ending.steps ?? record.step;
      const usable = latest !== undefined && !this.disposed;
      // An abort or a step not flagged final leaves the last model unevaluated: evaluate it now.
      if (usable && evaluator?.due(steps, true)) {
        record.evaluation = (yield* this.evaluate(evaluator, steps)) ?? record.evaluation;
      }
      let trainAccuracy = ending.trainAccuracy;
      if (trainAccuracy === undefined && known?.model === latest) trainAccuracy = known?.accuracy;
      if (trainAccuracy === undefined && fitOptions.trainAccuracy && usable) {
        trainAccuracy = yield* this.trainAccuracyOf(latest as M, train, steps);
      }
      const result: FitResult = {
        stopReason: ending.stopReason,
        converged: ending.converged,
        message: ending.message,
        steps,
        fitSeconds: clock.elapsedMs / 1000,
        ...defined({
          warning: ending.warning,
          evaluations: ending.evaluations ?? record.evaluations,
          objective: ending.objective ?? record.objective,
          evaluation: record.evaluation,
          trainAccuracy,
        }),
      };
      Object.assign(
        record,
        defined({
          step: steps,
          objective: result.objective,
          gradientNorm: ending.gradientNorm,
          evaluations: result.evaluations,
          trainAccuracy,
        }),
      );
      record.fitSeconds = result.fitSeconds;
      record.end = { stopReason: result.stopReason, converged: result.converged };
      if (checkpoint && usable) await writeCheckpoint(end === undefined ? abortedState : end.state);
      yield { type: 'end', result };
      return result;
    } finally {
      // A fit left at an abort (the consumer stopped pulling) ends there: its model is interrupted.
      if (record.end === undefined && signal.aborted) {
        record.end = { stopReason: 'aborted', converged: false };
        // The trainer has not moved since its last step: that step's state is its state.
        if (unsaved && !this.disposed) await writeCheckpoint(unsaved());
      }
      this.fitting = false;
      this.closeTrainer = undefined;
      await close?.();
    }
  }

  /** Class probabilities, numSamples × numClasses row-major. */
  async predictProba(features: Float32Array): Promise<Float32Array> {
    const model = this.requireModel('predictProba');
    validateFeatures(features, this.numFeatures(), 'predictProba features');
    return this.algorithm.predictProba(model, features, this.options);
  }

  /** The most probable class of each row. */
  async predict(features: Float32Array): Promise<Int32Array> {
    const model = this.requireModel('predict');
    validateFeatures(features, this.numFeatures(), 'predict features');
    return this.predictWith(model, features);
  }

  /** Mean accuracy on a labelled dataset. */
  async score(data: Dataset): Promise<number> {
    this.requireModel('score');
    return scoreDataset(data, this.numFeatures(), (features) => this.predict(features));
  }

  /** The model as the plugin's files plus metadata describing its data, training and metrics. */
  async save(): Promise<ModelArtifact> {
    const model = this.requireModel('save');
    const metadata = this.record ? this.metadataOf(this.record) : this.loadedMetadata;
    if (!metadata) throw new NotFittedError(this.plugin, 'save');
    const files = await this.algorithm.encode(model, this.options, metadata);
    return { plugin: this.plugin, metadata, files };
  }

  /** Image-shaped arrays of the current model (none when the plugin has none to show). */
  async inspect(): Promise<readonly ImageSet[]> {
    const model = this.requireModel('inspect');
    const metadata = this.record ? this.record.data : this.loadedMetadata;
    const { inspect } = this.algorithm;
    if (!inspect || !metadata) return [];
    const [height, width, ...rest] = metadata.imageShape;
    const image = height !== undefined && width !== undefined && rest.length === 0;
    return inspect(model, {
      options: this.options,
      classNames: metadata.classNames,
      shape: image ? [height, width] : undefined,
    });
  }

  /** Release the model, stop a running fit at its next step; unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lifetime.abort();
    const model = this.current;
    this.current = undefined;
    if (model !== undefined) this.algorithm.release?.(model);
    // A fit suspended at a yield may never be resumed: free its trainer now.
    void this.closeTrainer?.().catch(() => undefined);
  }

  private adopt(model: M): void {
    const previous = this.current;
    if (model === previous) return;
    if (this.disposed) {
      this.algorithm.release?.(model);
      return;
    }
    this.current = model;
    if (previous !== undefined) this.algorithm.release?.(previous);
  }

  /**
   * Evaluate held-out data batch by batch, passing on its evaluating events; a dispose() during it
   * drops the evaluation instead of failing.
   */
  private async *evaluate(
    evaluator: HeldOutEvaluator,
    step: number,
  ): AsyncGenerator<EvaluatingEvent, HeldOutEvaluation | undefined, undefined> {
    try {
      return yield* evaluator.batches(step);
    } catch (error) {
      if (this.disposed) return undefined;
      throw error;
    }
  }

  /**
   * The training accuracy of `model`, predicted batch by batch like a held-out evaluation, with
   * the same evaluating events (of the training set), so a long one shows its progress too.
   */
  private async *trainAccuracyOf(
    model: M,
    train: Dataset,
    step: number,
  ): AsyncGenerator<EvaluatingEvent, number, undefined> {
    const { predictions } = yield* predictInBatches(
      train,
      train.numFeatures,
      (f) => this.predictWith(model, f),
      step,
      'training',
    );
    return accuracy(predictions, train.labels);
  }

  private async predictWith(model: M, features: Float32Array): Promise<Int32Array> {
    const { algorithm: a, options: o } = this;
    if (a.predict) return a.predict(model, features, o);
    const k = (this.shape as { numClasses: number }).numClasses;
    return argmaxRows(await a.predictProba(model, features, o), k);
  }

  private numFeatures(): number {
    return (this.shape as { numFeatures: number }).numFeatures;
  }

  private metadataOf(r: FitRecord): ModelMetadata {
    const { data, options } = r;
    const kept = this.algorithm.modelOptions;
    const modelOptions = Object.fromEntries(
      Object.entries(options).filter(([key]) => kept === undefined || kept.includes(key)),
    );
    const evaluation = r.evaluation;
    return {
      numFeatures: data.numFeatures,
      numClasses: data.numClasses,
      classNames: [...data.classNames],
      imageShape: [...data.imageShape],
      preprocessing: preprocessingToJson(data.preprocessing),
      dataset: data.name,
      training: {
        ...modelOptions,
        options: { ...options },
        numSamples: data.numSamples,
        split: data.split,
        ...r.provenance,
        // Interrupted: stopped by an abort before the trainer's own end (saved as it stood).
        complete: r.end !== undefined && r.end.stopReason !== 'aborted',
        ...(r.end ?? {}),
        ...(r.end?.stopReason === 'aborted' ? { interrupted: true } : {}),
        ...(r.total === undefined ? {} : { totalSteps: r.total }),
        ...(r.unit === undefined ? {} : { unit: r.unit }),
      },
      metrics: defined({
        steps: r.step,
        objective: r.objective,
        gradientNorm: r.gradientNorm,
        evaluations: r.evaluations,
        fitSeconds: r.fitSeconds,
        trainAccuracy: r.trainAccuracy,
        heldOutAccuracy: evaluation?.accuracy,
        testAccuracy: r.heldOutSplit === 'test' ? evaluation?.accuracy : undefined,
      }) as Record<string, number>,
    };
  }

  /** A checkpoint this classifier can continue on `train`: same plugin, model options and data. */
  private checkResume(c: FitCheckpoint, train: Dataset): void {
    const { plugin, metadata } = c.artifact;
    const problems: string[] = [];
    if (plugin !== this.plugin)
      problems.push(`plugin: checkpoint has '${plugin}', this fit '${this.plugin}'`);
    const saved = (metadata.training?.options ?? {}) as Record<string, unknown>;
    const kept = this.algorithm.modelOptions;
    for (const [key, value] of Object.entries(this.options)) {
      if (kept !== undefined && !kept.includes(key)) continue;
      if (JSON.stringify(saved[key]) !== JSON.stringify(value)) {
        problems.push(
          `${key}: checkpoint has ${JSON.stringify(saved[key])}, this fit ${JSON.stringify(value)}`,
        );
      }
    }
    const data: [string, unknown, number][] = [
      ['numSamples', metadata.training?.numSamples, train.numSamples],
      ['numFeatures', metadata.numFeatures, train.numFeatures],
      ['numClasses', metadata.numClasses, train.numClasses],
    ];
    for (const [name, had, has] of data) {
      if (had !== has) problems.push(`${name}: checkpoint has ${String(had)}, this fit ${has}`);
    }
    if (problems.length > 0) {
      throw new ClassifierInputError(
        `resume: expected the checkpoint's plugin, options and training data, found differences (${problems.join('; ')})`,
      );
    }
  }

  private assertUsable(operation: string): void {
    if (this.disposed) {
      throw new ClassifierInputError(
        `${operation}: expected a live classifier, found one that was disposed`,
      );
    }
  }
}

/** The model of `from` when it is a fitted classifier of the plugin named `plugin`. */
function startOf<M>(from: Classifier | undefined, plugin: string): M | undefined {
  if (!(from instanceof DefinedClassifier) || from.plugin !== plugin) return undefined;
  return from.model as M | undefined;
}

/** Close a trainer's steps (running their `finally`) and then its own release, even if one fails. */
async function closeTrainer<M>(trainer: Trainer<M>): Promise<void> {
  try {
    await trainer.steps.return?.(undefined);
  } finally {
    await trainer.release?.();
  }
}

function progressEvent<M>(
  unit: ProgressUnit,
  total: number | undefined,
  step: number,
  s: TrainingStep<M>,
  trainAccuracy: number | undefined,
  evaluation: HeldOutEvaluation | undefined,
  clock: Stopwatch,
): TrainingEvent {
  return {
    type: 'progress',
    unit,
    step,
    elapsedMs: clock.elapsedMs,
    ...defined({
      total,
      evaluations: s.evaluations,
      objective: s.objective,
      gradientNorm: s.gradientNorm,
      stepSize: s.stepSize,
      learningRate: s.learningRate,
      trainAccuracy,
      evaluation,
      message: s.message,
    }),
  };
}

/** The end of a fit stopped by an abort, dispose or a consumer that left, after `steps` steps. */
function aborted<M>(steps: number, unit: ProgressUnit, last?: string): TrainingEnd<M> {
  const word = steps === 1 ? unit : `${unit}s`;
  return {
    stopReason: 'aborted',
    converged: false,
    message: `aborted after ${steps} ${word}${last === undefined ? '' : ` (${last})`}`,
    steps,
  };
}

/** The index of each row's largest value (the lowest index on ties). */
function argmaxRows(values: Float32Array, numClasses: number): Int32Array {
  const n = values.length / numClasses;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) {
      if ((values[i * numClasses + c] as number) > (values[i * numClasses + best] as number))
        best = c;
    }
    out[i] = best;
  }
  return out;
}

function accuracy(predictions: Int32Array, labels: Uint8Array): number {
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === labels[i]) correct++;
  return predictions.length === 0 ? 0 : correct / predictions.length;
}

/** Drop undefined fields, so optional properties stay absent rather than present-but-undefined. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
