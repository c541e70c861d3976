import { type ClassifierPlugin, describeOptions, fitToEnd } from '@digitlab/core';
import {
  type Dataset,
  type StratifiedKFoldOptions,
  stratifiedFoldAssignment,
} from '@digitlab/datasets';
import { AsyncQueue } from './async-queue.js';
import { bestIndex, meanAndStd } from './fold-statistics.js';
import { expandGrid, type Grid, type Setting } from './grid.js';
import { planTasks, type TrialTask } from './task-plan.js';
import { inThreadRunner, type TrialEvent, type TrialRunner } from './trial-runner.js';
import type { Refit, SettingScore, TuningEvent, TuningResult } from './tuning-event.js';

/** What to tune, on which data, and how. */
export interface TuneConfig {
  readonly plugin: ClassifierPlugin;
  /** Values to try per option; several options give their product. */
  readonly grid: Grid;
  /** Options every setting shares (the grid's values win). */
  readonly base?: Readonly<Record<string, unknown>>;
  readonly train: Dataset;
  /** Scored once by the refitted best setting. */
  readonly test?: Dataset;
  /** Stratified folds: a count (default 5, scikit-learn's order), or the full options. */
  readonly folds?: number | StratifiedKFoldOptions;
  /** Where trials run: default this thread; `workerRunner` from `/node` uses every core. */
  readonly runner?: TrialRunner;
  /** Aborting stops the trials (and the refit); the result then says 'aborted'. */
  readonly signal?: AbortSignal;
  /** Refit the best setting on all of `train` (default true). */
  readonly refit?: boolean;
  /** The option to warm-start along (default: the first numeric option swept); false: never. */
  readonly pathOption?: string | false;
}

/** Default number of folds, as scikit-learn's cv=5. */
export const DEFAULT_FOLDS = 5;

/**
 * Score every setting of the grid by stratified k-fold cross-validation (accuracy on each held-out
 * fold), streaming events as trials start and finish; then refit the best setting on all of
 * `train` and score it on `test`. Settings differing only in the path option are fitted per fold
 * in the grid's order, each from the previous one's model, where the plugin can warm start.
 */
export async function* tune(
  config: TuneConfig,
): AsyncGenerator<TuningEvent, TuningResult, undefined> {
  const started = performance.now();
  const { plugin, grid, train } = config;
  const settings = expandGrid(plugin, grid, config.base);
  const foldOptions =
    typeof config.folds === 'object' ? config.folds : { folds: config.folds ?? DEFAULT_FOLDS };
  const assignment = stratifiedFoldAssignment(train, foldOptions);
  const k = foldOptions.folds;
  const probe = plugin.create(settings[0]?.options as Record<string, unknown>);
  const warmStarts = probe.warmStarts === true;
  probe.dispose();
  const plan = planTasks(settings, grid, k, warmStarts, config.pathOption);
  const runner = config.runner ?? inThreadRunner(plugin);
  const concurrency = Math.max(1, Math.min(runner.maxConcurrency, plan.tasks.length));
  const trialOptions = threadOptions(plugin, grid, config.base, concurrency, runner.maxConcurrency);

  const controller = new AbortController();
  const onAbort = () => controller.abort();
  config.signal?.addEventListener('abort', onAbort, { once: true });
  if (config.signal?.aborted) controller.abort();
  const queue = new AsyncQueue<TuningEvent>();
  const scores = settings.map(() => new Array<number | undefined>(k).fill(undefined));
  const fitSeconds = settings.map(() => 0);
  const scored: (SettingScore | undefined)[] = settings.map(() => undefined);

  const record = (event: TrialEvent): void => {
    queue.push(event);
    if (event.type !== 'trial-finished') return;
    const row = scores[event.setting] as (number | undefined)[];
    row[event.fold] = event.score;
    fitSeconds[event.setting] = (fitSeconds[event.setting] as number) + event.fitSeconds;
    if (row.some((s) => s === undefined)) return;
    const score = scoreOf(
      settings[event.setting] as Setting,
      row as number[],
      fitSeconds[event.setting] as number,
    );
    scored[event.setting] = score;
    const means = scored.map((s) => s?.meanScore ?? Number.NaN);
    queue.push({ type: 'setting-scored', setting: event.setting, score, best: bestIndex(means) });
  };

  try {
    yield {
      type: 'started',
      plugin: plugin.name,
      settings: settings.map((s) => s.params),
      folds: k,
      numSamples: train.numSamples,
      tasks: plan.tasks.length,
      concurrency,
      ...(plan.pathOption === undefined ? {} : { pathOption: plan.pathOption }),
      trialOptions,
    };
    await runner.start({
      train,
      assignment,
      folds: k,
      options: settings.map((s) => ({ ...s.options, ...trialOptions })),
      concurrency,
    });
    const running = runAll(plan.tasks, concurrency, controller.signal, (task) =>
      runner.run(task, record, controller.signal),
    ).then(
      () => queue.end(),
      (error: unknown) => {
        controller.abort();
        queue.fail(error);
      },
    );
    for await (const event of queue) yield event;
    await running;
    await runner.close();

    const finished = scored.filter((s): s is SettingScore => s !== undefined);
    const best = scored[bestIndex(scored.map((s) => s?.meanScore ?? Number.NaN))];
    let refit: Refit | undefined;
    if (!controller.signal.aborted && best && config.refit !== false) {
      yield { type: 'refit-started', params: best.params };
      refit = yield* refitBest(
        config,
        settings[scored.indexOf(best)] as Setting,
        controller.signal,
      );
    }
    const result: TuningResult = {
      stopReason: controller.signal.aborted ? 'aborted' : 'completed',
      settings: finished,
      ...(best === undefined ? {} : { best }),
      ...(refit === undefined ? {} : { refit }),
      wallSeconds: (performance.now() - started) / 1000,
    };
    yield { type: 'finished', result };
    return result;
  } finally {
    controller.abort();
    config.signal?.removeEventListener('abort', onAbort);
    await runner.close();
  }
}

async function* refitBest(
  config: TuneConfig,
  setting: Setting,
  signal: AbortSignal,
): AsyncGenerator<TuningEvent, Refit | undefined, undefined> {
  const classifier = config.plugin.create(setting.options as Record<string, unknown>);
  try {
    const result = await fitToEnd(classifier.fit(config.train, { signal }));
    if (result.stopReason === 'aborted') {
      classifier.dispose();
      return undefined;
    }
    const testAccuracy = config.test ? await classifier.score(config.test) : undefined;
    const measured = testAccuracy === undefined ? {} : { testAccuracy };
    yield {
      type: 'refit-finished',
      fitSeconds: result.fitSeconds,
      converged: result.converged,
      ...measured,
    };
    return {
      params: setting.params,
      fitSeconds: result.fitSeconds,
      converged: result.converged,
      ...measured,
      classifier,
    };
  } catch (error) {
    classifier.dispose();
    throw error;
  }
}

function scoreOf(setting: Setting, foldScores: number[], seconds: number): SettingScore {
  const { mean, std } = meanAndStd(foldScores);
  return {
    params: setting.params,
    meanScore: mean,
    stdScore: std,
    foldScores,
    fitSeconds: seconds,
  };
}

/**
 * How many threads of its own (a plugin's `workers` option) each trial gets while `concurrency`
 * trials share `cores`: none when trials fill the cores, so each uses one core; the cores left
 * over shared out when there are fewer trials than cores. Untouched when the caller fixed or swept
 * `workers`, or when trials run one at a time (the plugin's own default then applies).
 */
function threadOptions(
  plugin: ClassifierPlugin,
  grid: Grid,
  base: Readonly<Record<string, unknown>> | undefined,
  concurrency: number,
  cores: number,
): Readonly<Record<string, unknown>> {
  if (concurrency < 2) return {};
  const workers = describeOptions(plugin.options).find((d) => d.name === 'workers');
  if (workers?.type !== 'integer' || 'workers' in grid || (base && 'workers' in base)) return {};
  const share = Math.min(
    Math.floor(cores / concurrency),
    workers.maximum ?? Number.POSITIVE_INFINITY,
  );
  // One worker thread would only move the work off an idle thread.
  return { workers: share >= 2 ? share : 0 };
}

/**
 * Run tasks `concurrency` at a time, in order, none after `signal` fires; the first failure
 * rejects (the rest are left to stop).
 */
async function runAll(
  tasks: readonly TrialTask[],
  concurrency: number,
  signal: AbortSignal,
  run: (task: TrialTask) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !signal.aborted) await run(tasks[next++] as TrialTask);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}
