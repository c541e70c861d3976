import {
  type Classifier,
  type ClassifierPlugin,
  describeOptions,
  type EvaluationSchedule,
  type FitCheckpoint,
  type FitOptions,
  type FitResult,
  type HeldOutEvaluation,
  type OptionDescription,
  type ProgressUnit,
  parsePluginOptions,
  type TrainingEvent,
} from '@digitlab/core';
import { saveCheckpoint, saveModel } from '@digitlab/core/node';
import type { Dataset } from '@digitlab/datasets';
import { evaluationProgress } from './evaluation-progress.js';
import { summarizeEvaluation } from './evaluation-summary.js';
import { createImageThrottle, type ImageThrottle } from './image-throttle.js';
import { type DataRequest, loadTrainingData, type TrainingData } from './load-training-data.js';
import { MISTAKES_KEPT, pickMistakes } from './pick-mistakes.js';
import type {
  EvaluationSummary,
  FitOutcome,
  ProgressPoint,
  SessionEvent,
  SessionInfo,
} from './session-events.js';
import {
  type HistoryPoint,
  type ReportWriter,
  type ReportWritten,
  takeSnapshot,
} from './session-snapshot.js';
import { unitWord } from './unit-word.js';

/** Everything a session needs to load data, train and save. */
export interface TrainingSessionConfig {
  readonly plugin: ClassifierPlugin;
  /** Raw plugin options; validated by the plugin's schema when the session runs. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly data: DataRequest;
  /**
   * When to evaluate on the test split while training: `'auto'` (the default) by time, as core's
   * `AUTO_SCHEDULE` says; n after every n-th step; 0 only at the end. The last step always is.
   */
  readonly evalEvery?: EvaluationSchedule;
  /** Where `s` / `requestSave()` writes the model. */
  readonly saveDir: string;
  /**
   * Reports: where `r` / `requestReport()` writes them, and the app's writer (the session takes
   * the snapshot between steps; the writer decides what a report holds). Without it, asking for
   * a report fails with a reportFailed event.
   */
  readonly report?: { readonly dir: string; readonly write: ReportWriter };
  readonly backend: string;
  readonly backendNote?: string;
  /**
   * Measure training accuracy at each held-out evaluation when the plugin does not report it.
   * Costs a prediction pass over the training set, so the JSON mode leaves it off.
   */
  readonly trackTrainAccuracy?: boolean;
  /**
   * Emit the model's images (`images`, from `Classifier.inspect`) and some of the test samples it
   * gets wrong (`mistakes`) after held-out evaluations, throttled, and for the final model: for
   * front ends that draw them. `true` takes the default throttle. Off unless asked for.
   */
  readonly liveImages?: boolean | LiveImagesOptions;
  /**
   * Write checkpoints of the fit to `dir` (after every `every` steps, else by fit time; at its end
   * and when cancelled), atomically, with `run` (how the data and classifier were chosen) recorded
   * beside them so a later session can resume.
   */
  readonly checkpoint?: {
    readonly dir: string;
    readonly every?: number;
    readonly run?: Readonly<Record<string, unknown>>;
  };
  /** Continue the fit this checkpoint holds (same plugin, options and data). */
  readonly resume?: FitCheckpoint;
  /** Replaces dataset loading (tests use generated data). */
  readonly loadData?: (request: DataRequest) => Promise<TrainingData>;
}

/** How often a session takes the model's images while training, and how many mistakes it sends. */
export interface LiveImagesOptions {
  /** At least this long between two takes (default 250 ms: a few per second at most). */
  readonly minIntervalMs?: number;
  /** At most this share of the time goes to taking images (default 0.05). */
  readonly maxShare?: number;
  /** Misclassified samples per mistakes event, with their pixels (default `MISTAKES_KEPT`). */
  readonly mistakes?: number;
  /** Time source of the throttle (tests pass a fake one). */
  readonly clock?: { now(): number };
}

/** What a finished session hands back to the command that ran it. */
export interface SessionResult {
  readonly info: SessionInfo;
  readonly outcome: FitOutcome;
  /** The last held-out evaluation (always computed for the final parameters, unless cancelled). */
  readonly evaluation?: EvaluationSummary;
  readonly train: Dataset;
  readonly test: Dataset;
}

/** The part of a session the dashboard drives: subscribe, pause, save, cancel. */
export interface SessionControls {
  subscribe(listener: (event: SessionEvent) => void): () => void;
  togglePause(): void;
  requestSave(): void;
  requestReport(): void;
  cancel(): Promise<void>;
}

type Task = () => Promise<void>;

/** Longest stretch of training without giving the event loop a turn (about one frame at 60 Hz). */
const YIELD_INTERVAL_MS = 15;

/**
 * Loads the data, trains one classifier and streams what happens to subscribers, outside React.
 * Training advances only while the session pulls events from `fit()`, so pausing is simply not
 * pulling; cancelling aborts the fit's signal and returns its generator, which frees its tensors.
 */
export class TrainingSession implements SessionControls {
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly controller = new AbortController();
  private readonly tasks: Task[] = [];
  private wake: (() => void) | undefined;
  private paused = false;
  private fitting = false;
  private classifier: Classifier | undefined;
  private info: SessionInfo | undefined;
  private latestEvaluation: EvaluationSummary | undefined;
  private lastPoint: ProgressPoint | undefined;
  /** The step of the classifier's current model: what a cancelled fit reached. */
  private reachedStep = 0;
  /** The classifier said it does not measure its training accuracy (k-NN): nor does the session. */
  private skipsTrainAccuracy = false;
  private lastYield = 0;
  // What a report needs besides the classifier: the data, every progress event, the latest
  // evaluation's predictions, the outcome and the last save.
  private data: TrainingData | undefined;
  private readonly history: HistoryPoint[] = [];
  private latestHeldOut: HeldOutEvaluation | undefined;
  private outcome: FitOutcome | undefined;
  private savedTo: string | undefined;
  /** Tasks asked for outside a fit, in order (they never reject). */
  private afterFit: Promise<void> = Promise.resolve();
  private readonly images:
    | { throttle: ImageThrottle; clock: { now(): number }; mistakes: number }
    | undefined;
  /** The evaluation step whose images were sent last. */
  private imagesStep: number | undefined;
  private runPromise: Promise<SessionResult> | undefined;

  constructor(private readonly config: TrainingSessionConfig) {
    const live = config.liveImages;
    if (live) {
      const o = live === true ? {} : live;
      const clock = o.clock ?? performance;
      this.images = {
        throttle: createImageThrottle(
          { minIntervalMs: o.minIntervalMs ?? 250, maxShare: o.maxShare ?? 0.05 },
          clock,
        ),
        clock,
        mistakes: o.mistakes ?? MISTAKES_KEPT,
      };
    }
  }

  /** Add a listener for every later event; returns the function that removes it. */
  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether training is suspended. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Stop pulling events after the current step; no effect unless training is running. */
  pause(): void {
    if (!this.fitting || this.paused || this.controller.signal.aborted) return;
    this.paused = true;
    this.emit({ type: 'paused' });
  }

  /** Pull events again. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.emit({ type: 'resumed' });
    this.wakeUp();
  }

  /** Pause when running, resume when paused (key `p`). */
  togglePause(): void {
    if (this.paused) this.resume();
    else this.pause();
  }

  /**
   * Save the model to the configured directory: between two steps while training (so the
   * parameters are consistent), at once after it. Outcome arrives as a saved / saveFailed event.
   */
  requestSave(dir: string = this.config.saveDir): void {
    if (!this.classifier) {
      this.emit({
        type: 'saveFailed',
        dir,
        message: 'nothing to save yet: training has not started',
      });
      return;
    }
    this.schedule(() => this.save(dir));
  }

  /**
   * Write a report of the current state (settings, result, history, figures) to `dir`: between
   * two steps while training, like a save, at once after it. Outcome arrives as a reported /
   * reportFailed event.
   */
  requestReport(dir: string | undefined = this.config.report?.dir): void {
    if (dir === undefined || !this.classifier) {
      this.emit({
        type: 'reportFailed',
        dir: dir ?? '',
        message:
          dir === undefined
            ? 'this session has no report writer'
            : 'nothing to report yet: training has not started',
      });
      return;
    }
    // Failures were reported as a reportFailed event; training carries on.
    this.schedule(() =>
      this.reportTo(dir).then(
        () => undefined,
        () => undefined,
      ),
    );
  }

  /**
   * Write a report of the current state to `dir` now and wait for it; rejects when writing fails
   * (after a reportFailed event). Call it only between steps: after `run()` settles, or from a
   * task of `requestReport`.
   */
  async reportTo(dir: string): Promise<ReportWritten> {
    this.emit({ type: 'reporting', dir });
    try {
      const { classifier, info, data } = this;
      const write = this.config.report?.write;
      if (!write) throw new Error('this session has no report writer');
      if (!classifier || !info || !data) {
        throw new Error(
          'nothing to report: training has not started or the classifier was released',
        );
      }
      const snapshot = await takeSnapshot({
        classifier,
        info,
        train: data.train,
        test: data.test,
        history: [...this.history],
        ...defined({ latest: this.latestHeldOut, outcome: this.outcome, savedTo: this.savedTo }),
      });
      const written = await write(snapshot, dir);
      this.emit({ type: 'reported', dir, ...written });
      return written;
    } catch (error) {
      this.emit({ type: 'reportFailed', dir, message: errorMessage(error) });
      throw error;
    }
  }

  /**
   * Run `task` between two steps while training (so the parameters are consistent), otherwise as
   * soon as the tasks asked for before it are done: a save and then a report at the end of
   * training run in that order, so the report knows where the model went.
   */
  private schedule(task: Task): void {
    if (this.fitting) {
      this.tasks.push(task);
      this.wakeUp();
    } else {
      this.afterFit = this.afterFit.then(task);
    }
  }

  /** Stop training (if running) and wait until the session has wound down. */
  async cancel(): Promise<void> {
    this.controller.abort();
    this.wakeUp();
    if (this.runPromise) await this.runPromise.catch(() => undefined);
  }

  /** Release the classifier's tensors. The session cannot save afterwards. */
  dispose(): void {
    this.classifier?.dispose();
    this.classifier = undefined;
  }

  /** Load, train and evaluate; resolves with the outcome, rejects (after a failed event) on error. */
  run(): Promise<SessionResult> {
    this.runPromise ??= this.execute().catch((error: unknown) => {
      this.emit({ type: 'failed', message: errorMessage(error) });
      throw error;
    });
    return this.runPromise;
  }

  private async execute(): Promise<SessionResult> {
    const { config } = this;
    const options = parsePluginOptions(config.plugin, config.options);
    this.emit({ type: 'loading', message: `loading ${config.data.dataset}…` });
    const load = config.loadData ?? loadTrainingData;
    const data = await load(config.data);
    this.data = data;
    const { train, test } = data;
    const classifier = config.plugin.create(options);
    this.classifier = classifier;
    const optionDescriptions = describeOptions(config.plugin.options);
    const optimizer = solverOf(optionDescriptions, options);
    const baseInfo = {
      dataset: train.name,
      nTrain: train.numSamples,
      nTest: test.numSamples,
      numFeatures: train.numFeatures,
      classNames: train.classNames,
      sampling: data.samplingText,
      classifier: config.plugin.name,
      classifierOptions: classifier.options,
      optionDescriptions,
      ...(optimizer === undefined ? {} : { optimizer }),
      backend: config.backend,
      ...(config.backendNote === undefined ? {} : { backendNote: config.backendNote }),
      evalEvery: config.evalEvery ?? 'auto',
      seed: config.data.seed,
    };
    if (this.controller.signal.aborted) {
      this.info = { ...baseInfo, ...NOT_STARTED };
      return this.finish(cancelledOutcome(0, 0, this.info.unit), train, test);
    }
    const result = await this.drive(classifier, train, test, baseInfo);
    const outcome = await this.outcomeOf(result, classifier, train, test);
    return this.finish(outcome, train, test);
  }

  private async drive(
    classifier: Classifier,
    train: Dataset,
    test: Dataset,
    baseInfo: BaseInfo,
  ): Promise<FitResult | undefined> {
    const events = classifier.fit(train, {
      signal: this.controller.signal,
      evaluate: { data: test, every: baseInfo.evalEvery },
      trainAccuracy: this.config.trackTrainAccuracy ? 'evaluations' : 'end',
      // Recorded in the saved model's metadata by the fit driver, its one owner.
      provenance: {
        sampling: baseInfo.sampling,
        nTrain: baseInfo.nTrain,
        seed: baseInfo.seed,
        backend: baseInfo.backend,
      },
      ...this.checkpointOptions(),
    });
    this.fitting = true;
    this.info = { ...baseInfo, ...NOT_STARTED };
    let finished = false;
    try {
      while (true) {
        await this.betweenSteps();
        // With checkpoints, keep pulling after a cancel: the fit sees the aborted signal and ends
        // through its own end, which writes the checkpoint of the step reached. Leaving here
        // would skip it whenever the cancel landed between two steps.
        if (this.controller.signal.aborted && this.config.checkpoint === undefined) break;
        const next = await events.next();
        if (next.done) {
          finished = true;
          return next.value;
        }
        const event = next.value;
        if (event.type === 'end') {
          // Keep pulling so the generator completes and cleans up; its return value repeats this.
          const last = await events.next();
          finished = last.done === true;
          return event.result;
        }
        await this.handle(event, classifier, train, test, baseInfo);
        await this.letTheEventLoopRun();
      }
      return undefined;
    } finally {
      this.fitting = false;
      // Leaving early (cancel or error) runs the generator's cleanup and frees its tensors.
      if (!finished) await events.return(undefined as never).catch(() => undefined);
      await this.runTasks();
    }
  }

  /** The fit's checkpoint and resume options, from the session's config. */
  private checkpointOptions(): Pick<FitOptions, 'checkpoint' | 'resume'> {
    const { checkpoint, resume } = this.config;
    return {
      ...(resume === undefined ? {} : { resume }),
      ...(checkpoint === undefined
        ? {}
        : {
            checkpoint: {
              ...(checkpoint.every === undefined ? {} : { every: checkpoint.every }),
              write: (c: FitCheckpoint) => this.writeCheckpoint(checkpoint.dir, c, checkpoint.run),
            },
          }),
    };
  }

  /** Write a checkpoint; a failure is a checkpointFailed event, and training carries on. */
  private async writeCheckpoint(
    dir: string,
    checkpoint: FitCheckpoint,
    run: Readonly<Record<string, unknown>> | undefined,
  ): Promise<void> {
    try {
      await saveCheckpoint(dir, run === undefined ? checkpoint : { ...checkpoint, run });
      this.emit({
        type: 'checkpointed',
        dir,
        step: checkpoint.step,
        complete: checkpoint.complete,
      });
    } catch (error) {
      this.emit({ type: 'checkpointFailed', dir, message: errorMessage(error) });
    }
  }

  private async handle(
    event: Exclude<TrainingEvent, { type: 'end' }>,
    classifier: Classifier,
    train: Dataset,
    test: Dataset,
    baseInfo: BaseInfo,
  ): Promise<void> {
    if (event.type === 'evaluating') {
      const { step, done, total, elapsedMs, predictions, labels, numClasses } = event;
      // The model of `step` is the classifier's now, though its progress event is yet to come.
      this.reachedStep = Math.max(this.reachedStep, step);
      const progress = evaluationProgress({ step, done, total, elapsedMs });
      if (event.set === 'training') {
        this.emit({ type: 'measuringTrainAccuracy', progress });
        return;
      }
      // The summary computes the accuracy of the part done from its matrix.
      const partial = summarizeEvaluation({
        step,
        predictions,
        labels: labels.subarray(0, done),
        numClasses,
        accuracy: 0,
        elapsedMs,
      });
      this.emit({ type: 'evaluating', progress, partial });
      return;
    }
    if (event.type === 'start') {
      this.skipsTrainAccuracy = event.skipsTrainAccuracy === true;
      this.info = {
        ...baseInfo,
        optimizerDescription: event.description,
        unit: event.unit,
        notes: [...(event.notes ?? [])],
        ...(event.evaluationsUnit === undefined ? {} : { evaluationsUnit: event.evaluationsUnit }),
      };
      this.emit({
        type: 'started',
        info: this.info,
        unit: event.unit,
        ...(event.total === undefined ? {} : { total: event.total }),
      });
      return;
    }
    let trainAccuracy = event.trainAccuracy;
    if (
      event.evaluation &&
      trainAccuracy === undefined &&
      this.config.trackTrainAccuracy &&
      !this.skipsTrainAccuracy
    ) {
      // A hand-written plugin may ignore FitOptions.trainAccuracy. The generator is suspended at
      // a yield, so the parameters are the ones just evaluated.
      trainAccuracy = await classifier.score(train);
    }
    const point: ProgressPoint = {
      step: event.step,
      elapsedMs: event.elapsedMs,
      ...defined({
        total: event.total,
        evaluations: event.evaluations,
        objective: event.objective,
        gradientNorm: event.gradientNorm,
        trainAccuracy,
        message: event.message,
      }),
    };
    this.emit({ type: 'progress', point });
    if (event.evaluation) {
      this.latestHeldOut = event.evaluation;
      this.latestEvaluation = summarizeEvaluation(event.evaluation);
      this.emit({ type: 'evaluated', summary: this.latestEvaluation });
      await this.sendImages(event.evaluation, classifier, test, false);
    }
  }

  /**
   * Send the model's images and the evaluation's mistakes, when the session tracks them and the
   * throttle allows (always for the final model). Called between steps, where the model is the one
   * just evaluated; `inspect` copies its arrays, so the event stays valid as training moves on.
   */
  private async sendImages(
    evaluation: HeldOutEvaluation,
    classifier: Classifier,
    test: Dataset,
    final: boolean,
  ): Promise<void> {
    const images = this.images;
    if (!images || this.imagesStep === evaluation.step) return;
    if (!final && !images.throttle.due()) return;
    const startedAt = images.clock.now();
    const { step } = evaluation;
    try {
      const sets = (await classifier.inspect?.()) ?? [];
      this.emit({ type: 'images', images: { step, sets } });
    } catch (error) {
      // Pictures are a view on training, never a reason to stop it.
      this.emit({ type: 'images', images: { step, sets: [], error: errorMessage(error) } });
    }
    this.emit({ type: 'mistakes', sample: pickMistakes(evaluation, test, images.mistakes) });
    this.imagesStep = step;
    images.throttle.took(startedAt);
  }

  private async outcomeOf(
    result: FitResult | undefined,
    classifier: Classifier,
    train: Dataset,
    test: Dataset,
  ): Promise<FitOutcome> {
    if (!result) {
      const last = this.lastPoint;
      const unit = this.info?.unit ?? NOT_STARTED.unit;
      const steps = Math.max(last?.step ?? 0, this.reachedStep);
      return cancelledOutcome(steps, (last?.elapsedMs ?? 0) / 1000, unit);
    }
    if (result.evaluation && result.evaluation.step !== this.latestEvaluation?.step) {
      this.latestHeldOut = result.evaluation;
      this.latestEvaluation = summarizeEvaluation(result.evaluation);
      this.emit({ type: 'evaluated', summary: this.latestEvaluation });
    }
    if (result.evaluation && classifier.fitted)
      await this.sendImages(result.evaluation, classifier, test, true);
    let trainAccuracy = result.trainAccuracy;
    if (trainAccuracy === undefined && this.lastPoint?.step === result.steps)
      trainAccuracy = this.lastPoint.trainAccuracy;
    // Only a hand-written plugin that ignores FitOptions.trainAccuracy leaves it unmeasured.
    if (trainAccuracy === undefined && classifier.fitted && !this.skipsTrainAccuracy)
      trainAccuracy = await classifier.score(train);
    return {
      stopReason: result.stopReason,
      converged: result.converged,
      message: result.message,
      steps: result.steps,
      fitSeconds: result.fitSeconds,
      ...defined({
        warning: result.warning,
        evaluations: result.evaluations,
        objective: result.objective,
        trainAccuracy,
        testAccuracy: this.latestEvaluation?.accuracy,
      }),
    };
  }

  private finish(outcome: FitOutcome, train: Dataset, test: Dataset): SessionResult {
    this.outcome = outcome;
    this.emit({ type: 'finished', outcome });
    const info = this.info;
    if (!info)
      throw new Error('the fit ended without a start event: the plugin broke its contract');
    return {
      info,
      outcome,
      train,
      test,
      ...(this.latestEvaluation ? { evaluation: this.latestEvaluation } : {}),
    };
  }

  /**
   * A solver whose steps never wait on I/O would keep the event loop busy with promise callbacks
   * from the first step to the last: no frames, no keys. Give timers and input a turn now and then.
   */
  private async letTheEventLoopRun(): Promise<void> {
    const now = performance.now();
    if (now - this.lastYield < YIELD_INTERVAL_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
  }

  private async betweenSteps(): Promise<void> {
    while (true) {
      await this.runTasks();
      if (this.controller.signal.aborted || !this.paused) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private async runTasks(): Promise<void> {
    for (let task = this.tasks.shift(); task; task = this.tasks.shift()) await task();
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /**
   * Save the model now and wait for it; rejects when saving fails (after a saveFailed event).
   * Call it only between steps: after `run()` settles, or from a task of `requestSave`.
   */
  async saveTo(dir: string = this.config.saveDir): Promise<void> {
    const classifier = this.classifier;
    this.emit({ type: 'saving', dir });
    try {
      if (!classifier) throw new Error('nothing to save: the classifier has been released');
      const artifact = await classifier.save();
      await saveModel(dir, artifact);
      this.savedTo = dir;
      this.emit({ type: 'saved', dir });
    } catch (error) {
      this.emit({ type: 'saveFailed', dir, message: errorMessage(error) });
      throw error;
    }
  }

  private async save(dir: string): Promise<void> {
    // Failures were reported as a saveFailed event; training carries on.
    await this.saveTo(dir).catch(() => undefined);
  }

  private emit(event: SessionEvent): void {
    if (event.type === 'progress') {
      this.lastPoint = event.point;
      this.history.push(event.point);
    } else if (event.type === 'evaluated') {
      this.recordTestAccuracy(event.summary.step, event.summary.accuracy);
    }
    for (const listener of this.listeners) listener(event);
  }

  /** Mark the history point of `step` with its held-out accuracy (evaluations follow their step). */
  private recordTestAccuracy(step: number, testAccuracy: number): void {
    for (let i = this.history.length - 1; i >= 0; i--) {
      const point = this.history[i] as HistoryPoint;
      if (point.step === step) {
        this.history[i] = { ...point, testAccuracy };
        return;
      }
      if (point.step < step) return;
    }
  }
}

/** What the session knows before the plugin's start event describes the fit. */
const NOT_STARTED = { optimizerDescription: '', unit: 'step', notes: [] } as const satisfies Pick<
  SessionInfo,
  'optimizerDescription' | 'unit' | 'notes'
>;

type BaseInfo = Omit<SessionInfo, keyof typeof NOT_STARTED>;

/**
 * The solver in use: the value of the option whose schema metadata says it selects the solver
 * (`selectsSolver`), so the session needs no plugin's option names.
 */
function solverOf(
  descriptions: readonly OptionDescription[],
  options: Readonly<Record<string, unknown>>,
): string | undefined {
  const selector = descriptions.find((d) => d.selectsSolver === true);
  const value = selector === undefined ? undefined : options[selector.name];
  return typeof value === 'string' ? value : undefined;
}

function cancelledOutcome(steps: number, fitSeconds: number, unit: ProgressUnit): FitOutcome {
  return {
    stopReason: 'aborted',
    converged: false,
    message: `cancelled after ${steps} ${unitWord(unit, steps)}`,
    steps,
    fitSeconds,
  };
}

/** Drop undefined fields, so optional properties stay absent rather than present-but-undefined. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/** The message to show for an error; user mistakes from the packages carry good ones. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
