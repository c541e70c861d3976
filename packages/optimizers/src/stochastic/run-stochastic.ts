import { InvalidArgumentError, OptimizerError, OptimizerStateError } from '../errors.js';
import { formatNumber } from '../format-number.js';
import type { MiniBatchObjective } from '../objective.js';
import { progressReads } from '../progress-reads.js';
import { type StochasticStopReason, StopReason } from '../stop-reason.js';
import { firstNonFinite, toNumberArray } from '../vector-ops.js';
import { EpochShuffler } from './epoch-permutation.js';
import type { EpochProgress, StochasticResult } from './epoch-progress.js';
import {
  type AdaptiveScheduleState,
  type LearningRateSchedule,
  learningRateAt,
  sameSchedule,
  updateAdaptiveSchedule,
} from './learning-rate-schedule.js';
import { ruleStepper, type Stepper } from './stepper.js';
import {
  type ResolvedStochasticOptions,
  resolveStochasticOptions,
  type StochasticOptions,
} from './stochastic-options.js';
import {
  type RestoredStochastic,
  restoreStochasticState,
  STOCHASTIC_STATE_VERSION,
  type StochasticState,
} from './stochastic-state.js';
import type { UpdateRuleFactory } from './update-rule.js';

/** What distinguishes SGD from Adam for the shared mini-batch loop. */
export interface StochasticMethod<K extends 'sgd' | 'adam', B, O> {
  readonly kind: K;
  readonly defaultLearningRate: number;
  readonly createRule: UpdateRuleFactory<O, B>;
  /**
   * A stepper of the method's own from the start point (an engine that evaluates and updates in
   * one), used instead of the objective and `createRule`; undefined: the usual one.
   */
  readonly createStepper?: (
    start: Float64Array,
    options: O,
    resolved: ResolvedStochasticOptions,
    saved: Record<string, unknown> | undefined,
  ) => Stepper<B> | undefined;
}

/** The mini-batch training loop shared by SGD and Adam (epochs, shuffles, schedules, validation). */
export async function* runStochastic<
  K extends 'sgd' | 'adam',
  B,
  O extends StochasticOptions<StochasticState<K, B>>,
>(
  method: StochasticMethod<K, B, O>,
  objective: MiniBatchObjective,
  start: Float64Array | StochasticState<K, B>,
  options: O,
): AsyncGenerator<
  EpochProgress<StochasticState<K, B>>,
  StochasticResult<StochasticState<K, B>>,
  undefined
> {
  if (typeof objective !== 'function') {
    throw new InvalidArgumentError(
      'objective',
      'a function (x, batch) => { value, gradient }',
      objective,
    );
  }
  const kind = method.kind;
  let restored: RestoredStochastic | undefined;
  if (!(start instanceof Float64Array)) restored = restoreStochasticState(start, kind);
  const o = resolveStochasticOptions(options, method.defaultLearningRate, restored);
  if (restored) checkResumeCompatible(restored, o, options);
  const { signal, onProgress } = options;
  const startTime = performance.now();

  // The stepper copies the start point: x0 is never modified.
  const x0 = restored ? restored.x : (start as Float64Array);
  if (!restored) {
    if (x0.length === 0) {
      throw new InvalidArgumentError('x0', 'a Float64Array with at least one entry', x0);
    }
    const bad = firstNonFinite(x0);
    if (bad >= 0) {
      throw new InvalidArgumentError(`x0[${bad}]`, 'a finite number (the starting point)', x0[bad]);
    }
  }
  const n = x0.length;
  const stepper =
    method.createStepper?.(x0, options, o, restored?.buffers) ??
    ruleStepper(objective, method.createRule(n, options, restored?.buffers), x0, o);
  const { numSamples, batchSize } = o;
  const numBatches = Math.ceil(numSamples / batchSize);
  const order = new Uint32Array(numSamples);
  const batchFull = new Uint32Array(batchSize);
  const batchLast = batchFull.subarray(0, numSamples - (numBatches - 1) * batchSize);
  const shuffler = new EpochShuffler(o.seed, numSamples);
  let orderEpoch = -1;

  let epoch = restored?.epoch ?? 0;
  let batchIndex = restored?.batchIndex ?? 0;
  let step = restored?.step ?? 0;
  let evaluations = restored?.evaluations ?? 0;
  let epochLossSum = restored?.epochLossSum ?? 0;
  let epochSamples = restored?.epochSamples ?? 0;
  let lastEpochLoss = restored?.lastEpochLoss ?? null;
  const priorElapsed = restored?.elapsedMs ?? 0;
  const schedule = o.schedule;
  let adaptive: AdaptiveScheduleState | null =
    schedule.type === 'adaptive'
      ? (restored?.adaptive ?? { learningRate: o.learningRate, best: null, badEpochs: 0 })
      : null;
  const validation = o.validation;
  const tracked = validation
    ? (restored?.validation ?? { best: null, bestEpoch: null, badEpochs: 0, bestX: null })
    : null;
  const patience = o.patience;
  const noImprovement: { bestLoss: number | null; badEpochs: number } | null = patience
    ? { ...(restored?.noImprovement ?? { bestLoss: null, badEpochs: 0 }) }
    : null;
  let lastLearningRate = Number.NaN;
  let gInf = Number.NaN;
  let g2 = Number.NaN;

  const elapsed = (): number => priorElapsed + (performance.now() - startTime);
  const snapshot = (elapsedMs = elapsed()): StochasticState<K, B> => ({
    kind,
    version: STOCHASTIC_STATE_VERSION,
    dimension: n,
    numSamples,
    batchSize,
    seed: o.seed,
    shuffle: o.shuffle,
    x: toNumberArray(stepper.point()),
    epoch,
    batchIndex,
    step,
    evaluations,
    epochLossSum,
    epochSamples,
    lastEpochLoss,
    adaptive: adaptive === null ? null : { ...adaptive },
    schedule: structuredClone(schedule),
    validation:
      tracked === null
        ? null
        : {
            best: tracked.best,
            bestEpoch: tracked.bestEpoch,
            badEpochs: tracked.badEpochs,
            bestX: tracked.bestX === null ? null : toNumberArray(tracked.bestX),
          },
    noImprovement: noImprovement === null ? null : { ...noImprovement },
    elapsedMs,
    buffers: stepper.save(),
  });
  const currentLoss = (): number =>
    epochSamples > 0 ? epochLossSum / epochSamples : (lastEpochLoss ?? Number.NaN);
  const finish = (
    stopReason: StochasticStopReason,
    message: string,
    warning?: string,
  ): StochasticResult<StochasticState<K, B>> => {
    const restore = validation?.restoreBest === true && tracked?.bestX != null;
    // The end state is built when first read (a checkpoint, a resume), not on every run's clock:
    // it copies x and the buffers into plain arrays. Nothing moves after the end, so it reads the
    // same then as now; an engine hands over what it holds first, as it may be stopped by then.
    stepper.settle?.();
    const elapsedMs = elapsed();
    let state: StochasticState<K, B> | undefined;
    const best =
      tracked?.best != null && tracked.bestEpoch != null
        ? { bestValidation: tracked.best, bestEpoch: tracked.bestEpoch }
        : {};
    return {
      x: (restore ? tracked.bestX! : stepper.point()).slice(),
      restoredBest: restore,
      loss: currentLoss(),
      epochs: epoch,
      steps: step,
      evaluations,
      stopReason,
      converged: stopReason === StopReason.NoImprovement,
      message: restore
        ? `${message}; x restored from epoch ${tracked.bestEpoch} (best validation ${formatNumber(tracked.best!)})`
        : message,
      ...(warning === undefined ? {} : { warning }),
      ...best,
      elapsedMs,
      get state() {
        state ??= snapshot(elapsedMs);
        return state;
      },
    };
  };
  // The tests that end the run at the top of the loop, also asked when reporting so that the
  // report can say whether it is the last one.
  const dueStop = ():
    | typeof StopReason.Aborted
    | typeof StopReason.EarlyStopping
    | typeof StopReason.NoImprovement
    | typeof StopReason.MaxEpochs
    | null => {
    if (signal?.aborted) return StopReason.Aborted;
    if (validation && tracked && tracked.badEpochs >= validation.patience) {
      return StopReason.EarlyStopping;
    }
    if (patience && noImprovement && noImprovement.badEpochs > patience.epochs) {
      return StopReason.NoImprovement;
    }
    if (epoch >= o.epochs) return StopReason.MaxEpochs;
    return null;
  };
  const report = async (progress: EpochProgress<StochasticState<K, B>>): Promise<void> => {
    if (onProgress) {
      const pending = onProgress(progress);
      if (pending instanceof Promise) await pending;
    }
  };
  const makeProgress = (
    reportKind: 'epoch' | 'step',
    metric?: number,
  ): EpochProgress<StochasticState<K, B>> => {
    const atStep = step;
    const atEpoch = epoch;
    const reads = progressReads({
      unit: 'step',
      position: () => step,
      unmoved: () => step === atStep && epoch === atEpoch,
      x: () => stepper.point(),
      snapshot,
    });
    return {
      kind: reportKind,
      epoch: reportKind === 'epoch' ? epoch : epoch + 1,
      step,
      evaluations,
      loss: reportKind === 'epoch' ? (lastEpochLoss ?? Number.NaN) : currentLoss(),
      gradientNorm: gInf,
      gradientNorm2: g2,
      learningRate: lastLearningRate,
      elapsedMs: elapsed(),
      ...(metric === undefined ? {} : { validation: metric }),
      ...(tracked?.best != null && tracked.bestEpoch != null
        ? { bestValidation: tracked.best, bestEpoch: tracked.bestEpoch }
        : {}),
      final: dueStop() !== null,
      get x() {
        return reads.x();
      },
      saveState: reads.saveState,
    };
  };

  for (;;) {
    switch (dueStop()) {
      case StopReason.Aborted:
        return finish(
          StopReason.Aborted,
          `aborted by the AbortSignal in epoch ${epoch + 1} after ${step} steps (${epoch} epochs completed)`,
        );
      case StopReason.EarlyStopping:
        return finish(
          StopReason.EarlyStopping,
          `early stopping: the validation metric did not improve by more than minDelta ${formatNumber(validation!.minDelta)} ` +
            `for ${tracked!.badEpochs} epochs (patience ${validation!.patience}) after epoch ${epoch}`,
        );
      case StopReason.NoImprovement:
        return finish(
          StopReason.NoImprovement,
          `training loss did not improve by more than tol ${formatNumber(patience!.tol)} for ${noImprovement!.badEpochs} ` +
            `consecutive epochs (patience ${patience!.epochs}); best epoch loss ${formatNumber(noImprovement!.bestLoss!)} after ${epoch} epochs`,
        );
      case StopReason.MaxEpochs:
        return finish(
          StopReason.MaxEpochs,
          `finished ${epoch} epochs (${step} steps); mean training loss of the last epoch ${formatNumber(currentLoss())}`,
        );
      case null:
        break;
    }

    if (orderEpoch !== epoch) {
      if (o.shuffle) shuffler.permutation(epoch, order);
      else for (let i = 0; i < numSamples; i++) order[i] = i;
      orderEpoch = epoch;
    }
    const first = batchIndex * batchSize;
    const batch = batchIndex === numBatches - 1 ? batchLast : batchFull;
    for (let i = 0; i < batch.length; i++) batch[i] = order[first + i]!;
    // Built only for a message, not on every step.
    const where = () =>
      `epoch ${epoch + 1}, step ${step + 1}, batch ${batchIndex + 1} of ${numBatches}`;
    const learningRate = learningRateAt(
      schedule,
      o.learningRate,
      { epoch, step, epochs: o.epochs, stepsPerEpoch: numBatches },
      adaptive ?? undefined,
    );
    const outcome = await stepper.step(batch, learningRate, where);
    evaluations++;
    if (!outcome.finite) {
      return finish(
        StopReason.NonFinite,
        `stopped: the objective returned a non-finite ${outcome.nonFinite ?? `loss ${String(outcome.value)}`} at ${where()}; x is the point it was evaluated at`,
        `${kind} diverged or hit invalid data: lower the learning rate, set clipNorm, scale the features, ` +
          'or check the batch for NaN inputs',
      );
    }
    epochLossSum += outcome.value * batch.length;
    epochSamples += batch.length;
    gInf = outcome.normInf;
    g2 = outcome.norm2;
    lastLearningRate = learningRate;
    step++;
    batchIndex++;

    if (batchIndex < numBatches) {
      if (o.progressEverySteps > 0 && step % o.progressEverySteps === 0) {
        const progress = makeProgress('step');
        await report(progress);
        yield progress;
      }
      continue;
    }

    lastEpochLoss = epochLossSum / epochSamples;
    epoch++;
    batchIndex = 0;
    epochLossSum = 0;
    epochSamples = 0;
    let metric: number | undefined;
    if (validation && tracked) {
      const pending = validation.evaluate(stepper.point().slice());
      metric = pending instanceof Promise ? await pending : pending;
      if (typeof metric !== 'number') {
        throw new OptimizerError(
          `validation.evaluate returned ${typeof metric}, expected a number (after epoch ${epoch})`,
        );
      }
      const sign = validation.mode === 'min' ? 1 : -1;
      const improved =
        tracked.best === null
          ? Number.isFinite(metric)
          : sign * (tracked.best - metric) > validation.minDelta;
      if (improved) {
        tracked.best = metric;
        tracked.bestEpoch = epoch;
        tracked.badEpochs = 0;
        if (validation.restoreBest) {
          if (tracked.bestX === null) tracked.bestX = new Float64Array(n);
          tracked.bestX.set(stepper.point());
        }
      } else {
        tracked.badEpochs++;
      }
    }
    if (patience && noImprovement) {
      // scikit-learn's _update_no_improvement_count: the best loss follows every decrease, even
      // one smaller than tol, while only a decrease by more than tol resets the count.
      const best = noImprovement.bestLoss;
      noImprovement.badEpochs =
        best !== null && lastEpochLoss > best - patience.tol ? noImprovement.badEpochs + 1 : 0;
      noImprovement.bestLoss = best === null ? lastEpochLoss : Math.min(best, lastEpochLoss);
    }
    if (schedule.type === 'adaptive' && adaptive !== null) {
      const byValidation = schedule.monitor === 'validation' && metric !== undefined;
      adaptive = updateAdaptiveSchedule(
        schedule,
        adaptive,
        byValidation ? metric! : lastEpochLoss,
        byValidation ? (validation?.mode ?? 'min') : 'min',
      );
    }
    const progress = makeProgress('epoch', metric);
    await report(progress);
    yield progress;
  }
}

function checkResumeCompatible(
  restored: RestoredStochastic,
  resolved: {
    numSamples: number;
    batchSize: number;
    seed: number;
    shuffle: boolean;
    schedule: LearningRateSchedule;
  },
  options: { numSamples: number },
): void {
  const mismatches: string[] = [];
  for (const field of ['numSamples', 'batchSize', 'seed', 'shuffle'] as const) {
    if (restored[field] !== resolved[field]) {
      mismatches.push(`${field}: state has ${restored[field]}, options have ${resolved[field]}`);
    }
  }
  // States saved before the schedule was recorded resume on whatever schedule is given.
  if (restored.schedule !== null && !sameSchedule(restored.schedule, resolved.schedule)) {
    mismatches.push(
      `schedule: state has ${JSON.stringify(restored.schedule)}, options have ${JSON.stringify(resolved.schedule)}`,
    );
  }
  if (mismatches.length > 0) {
    throw new OptimizerStateError(
      `cannot resume: the options differ from the saved run's (${mismatches.join('; ')}); ` +
        'an exact resume needs the same numSamples, batchSize, seed, shuffle and schedule',
    );
  }
  if (restored.batchIndex >= Math.ceil(options.numSamples / resolved.batchSize)) {
    throw new OptimizerStateError(
      `saved state's batchIndex ${restored.batchIndex} is past the last batch of an epoch`,
    );
  }
}
