import {
  type Classifier,
  type ClassifierPlugin,
  fitToEnd,
  parsePluginOptions,
} from '@digitlab/core';
import { type Dataset, type FoldIndices, foldsOf, subset } from '@digitlab/datasets';
import type { TrialTask } from './task-plan.js';

/** What every task of one tuning run shares: the data, its folds and each setting's options. */
export interface TuningJob {
  readonly train: Dataset;
  /** The fold whose test set holds each row (see `stratifiedFoldAssignment`). */
  readonly assignment: Int32Array;
  readonly folds: number;
  /** Options per setting, as trials run them (validated; a copy survives structured cloning). */
  readonly options: readonly Readonly<Record<string, unknown>>[];
  /** Tasks that will run at once. */
  readonly concurrency: number;
}

/** What a trial reports: its start, and its fold's score when it ends. */
export type TrialEvent =
  | { readonly type: 'trial-started'; readonly setting: number; readonly fold: number }
  | {
      readonly type: 'trial-finished';
      readonly setting: number;
      readonly fold: number;
      /** Accuracy on the fold's held-out rows. */
      readonly score: number;
      readonly fitSeconds: number;
      readonly steps: number;
      readonly converged: boolean;
      /** Whether it started from the previous setting's model. */
      readonly warmStarted: boolean;
    };

/** Runs tasks: in this thread, or (from `/node`) in worker threads. */
export interface TrialRunner {
  /** The most tasks it can run at once. */
  readonly maxConcurrency: number;
  /** Take the job before the first task (a worker runner starts its workers here). */
  start(job: TuningJob): Promise<void>;
  /** Run one task, reporting its trials; resolves early, without a score, once `signal` fires. */
  run(task: TrialTask, emit: (event: TrialEvent) => void, signal: AbortSignal): Promise<void>;
  /** Stop everything and free what `start` set up; idempotent. */
  close(): Promise<void>;
}

/** The train and held-out datasets of fold f, keeping the last one made (tasks come fold by fold). */
export function createFoldData(
  job: Pick<TuningJob, 'train' | 'assignment' | 'folds'>,
): (fold: number) => { train: Dataset; test: Dataset } {
  let folds: FoldIndices[] | undefined;
  let last: { fold: number; data: { train: Dataset; test: Dataset } } | undefined;
  return (fold) => {
    if (last?.fold === fold) return last.data;
    folds ??= foldsOf(job.assignment, job.folds);
    const indices = folds[fold] as FoldIndices;
    const data = {
      train: subset(job.train, indices.train, { split: 'train' }),
      test: subset(job.train, indices.test, { split: 'validation' }),
    };
    last = { fold, data };
    return data;
  };
}

/**
 * Fit a task's settings on its fold in order, each warm-started from the previous one's model when
 * the task is a path, and score each on the fold's held-out rows. Stops quietly once `signal` fires.
 */
export async function runTrialTask(
  plugin: ClassifierPlugin,
  job: Pick<TuningJob, 'options'>,
  foldData: (fold: number) => { train: Dataset; test: Dataset },
  task: TrialTask,
  emit: (event: TrialEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const { train, test } = foldData(task.fold);
  let previous: Classifier | undefined;
  try {
    for (const setting of task.settings) {
      if (signal.aborted) return;
      emit({ type: 'trial-started', setting, fold: task.fold });
      const classifier = plugin.create(parsePluginOptions(plugin, job.options[setting]));
      const from = task.warm ? previous : undefined;
      let result: Awaited<ReturnType<typeof fitToEnd>>;
      try {
        result = await fitToEnd(
          classifier.fit(train, { signal, ...(from === undefined ? {} : { warmStartFrom: from }) }),
        );
      } catch (error) {
        classifier.dispose();
        throw error;
      }
      if (result.stopReason === 'aborted' || signal.aborted) {
        classifier.dispose();
        return;
      }
      const score = await classifier.score(test);
      emit({
        type: 'trial-finished',
        setting,
        fold: task.fold,
        score,
        fitSeconds: result.fitSeconds,
        steps: result.steps,
        converged: result.converged,
        warmStarted: from !== undefined && classifier.warmStarts === true,
      });
      previous?.dispose();
      previous = classifier;
    }
  } finally {
    previous?.dispose();
  }
}

/** Runs tasks one at a time on this thread (browsers, tests, plugins no worker can load). */
export function inThreadRunner(plugin: ClassifierPlugin): TrialRunner {
  let job: TuningJob | undefined;
  let foldData: ReturnType<typeof createFoldData> | undefined;
  return {
    maxConcurrency: 1,
    async start(j) {
      job = j;
      foldData = createFoldData(j);
    },
    async run(task, emit, signal) {
      if (!job || !foldData) throw new Error('inThreadRunner: run() before start()');
      await runTrialTask(plugin, job, foldData, task, emit, signal);
    },
    async close() {
      job = undefined;
      foldData = undefined;
    },
  };
}
