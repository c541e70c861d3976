import { fitToEnd } from '@digitlab/core';
import { centroidPlugin, gaussianBlobs } from '@digitlab/core/testing';
import { stratifiedKFold, subset } from '@digitlab/datasets';
import { softmaxRegression } from '@digitlab/softmax-regression';
import { softmaxRegression as softmaxRegressionNode } from '@digitlab/softmax-regression/node';
import { describe, expect, it } from 'vitest';
import { TuningInputError } from './errors.js';
import { runTune } from './test-support/run-tune.js';
import { inThreadRunner, type TrialRunner, type TuningJob } from './trial-runner.js';
import { tune } from './tune.js';
import type { TuningEvent, TuningResult } from './tuning-event.js';

const train = gaussianBlobs({ perClass: 12, numClasses: 3, numFeatures: 4, seed: 3, spread: 0.8 });
const test = gaussianBlobs({
  perClass: 10,
  numClasses: 3,
  numFeatures: 4,
  seed: 4,
  spread: 0.8,
  split: 'test',
});
const plugin = softmaxRegression({ backend: 'cpu' });
const Cs = [0.01, 0.1, 1];

/** Cross-validation written out by hand: a cold fit per fold and C, scored on the held-out fold. */
async function handCrossValidation(folds: number): Promise<number[][]> {
  const splits = stratifiedKFold(train, { folds });
  const scores: number[][] = [];
  for (const C of Cs) {
    const row: number[] = [];
    for (const { train: rows, test: held } of splits) {
      const classifier = plugin.create(plugin.options.parse({ C }));
      await fitToEnd(classifier.fit(subset(train, rows)));
      row.push(await classifier.score(subset(train, held)));
      classifier.dispose();
    }
    scores.push(row);
  }
  return scores;
}

describe('tune', () => {
  it('scores each setting by stratified k-fold accuracy, as a hand-written loop does', async () => {
    const { result } = await runTune({
      plugin,
      grid: { C: Cs },
      train,
      test,
      folds: 3,
      pathOption: false,
    });
    const expected = await handCrossValidation(3);
    expect(result.settings.map((s) => s.foldScores)).toEqual(expected);
    for (const [i, s] of result.settings.entries()) {
      const row = expected[i] as number[];
      const mean = row.reduce((a, b) => a + b, 0) / row.length;
      expect(s.meanScore).toBeCloseTo(mean, 12);
      expect(s.stdScore).toBeCloseTo(
        Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / row.length),
        12,
      );
      expect(s.params).toEqual({ C: Cs[i] });
    }
    const means = result.settings.map((s) => s.meanScore);
    expect(result.best?.meanScore).toBe(Math.max(...means));
    expect(result.best?.params).toEqual(result.settings[means.indexOf(Math.max(...means))]?.params);
    result.refit?.classifier.dispose();
  });

  it('streams started, trials, each setting once its folds are in, the refit, then finished', async () => {
    const { events, result } = await runTune({ plugin, grid: { C: Cs }, train, test, folds: 3 });
    expect(events[0]).toMatchObject({
      type: 'started',
      plugin: 'softmax-regression',
      settings: Cs.map((C) => ({ C })),
      folds: 3,
      numSamples: 36,
      tasks: 3,
      concurrency: 1,
      pathOption: 'C',
      trialOptions: {},
    });
    const finished = events.filter((e) => e.type === 'trial-finished');
    expect(finished).toHaveLength(9);
    // Along the path every C after the first starts from the previous C's model.
    expect(finished.map((e) => e.warmStarted)).toEqual(finished.map((e) => e.setting > 0));
    for (const [s] of Cs.entries()) {
      const scoredAt = events.findIndex((e) => e.type === 'setting-scored' && e.setting === s);
      const lastFold = events.findLastIndex((e) => e.type === 'trial-finished' && e.setting === s);
      expect(scoredAt).toBeGreaterThan(lastFold);
    }
    const kinds = events.map((e) => e.type);
    expect(kinds.slice(-3)).toEqual(['refit-started', 'refit-finished', 'finished']);
    expect(events.at(-1)).toEqual({ type: 'finished', result });
    expect(result.stopReason).toBe('completed');
    expect(result.refit?.params).toEqual(result.best?.params);
    expect(result.refit?.testAccuracy).toBe(await result.refit?.classifier.score(test));
    // Warm-started paths reach the same optima as cold fits, up to the solver's tolerance.
    const cold = await handCrossValidation(3);
    result.settings.forEach((s, i) => {
      s.foldScores.forEach((score, f) => {
        expect(Math.abs(score - (cold[i]?.[f] as number))).toBeLessThanOrEqual(1 / 12 + 1e-9);
      });
    });
    result.refit?.classifier.dispose();
  });

  it('gives each trial one core when trials fill the cores, and shares out cores left over', async () => {
    const sent: TuningJob[] = [];
    // The Node entry, whose schema allows worker threads.
    const nodePlugin = softmaxRegressionNode({ backend: 'cpu' });
    const runner = (cores: number): TrialRunner => {
      const inner = inThreadRunner(nodePlugin);
      return {
        maxConcurrency: cores,
        start: (job) => {
          sent.push(job);
          return inner.start(job);
        },
        run: (task, emit, signal) => inner.run(task, emit, signal),
        close: () => inner.close(),
      };
    };
    // 3 folds walk C: 3 tasks.
    for (const cores of [2, 8]) {
      await runTune({
        plugin: nodePlugin,
        grid: { C: Cs },
        train,
        folds: 3,
        refit: false,
        runner: runner(cores),
      });
    }
    expect(sent.map((job) => [job.concurrency, job.options[0]?.workers])).toEqual([
      [2, 0],
      [3, 2],
    ]);
    // A fixed workers option is the caller's.
    await runTune({
      plugin: nodePlugin,
      grid: { C: Cs },
      base: { workers: 1 },
      train,
      folds: 3,
      refit: false,
      runner: runner(8),
    });
    expect(sent[2]?.options[0]?.workers).toBe(1);
    // The browser entry allows no worker threads: its trials get none.
    const browserRunner = inThreadRunner(plugin);
    await runTune({
      plugin,
      grid: { C: Cs },
      train,
      folds: 3,
      refit: false,
      runner: {
        ...browserRunner,
        maxConcurrency: 8,
        start: (job) => {
          sent.push(job);
          return browserRunner.start(job);
        },
      },
    });
    expect(sent[3]?.options[0]?.workers).toBe(0);
  });

  it('fits each setting cold for a plugin without warm starts', async () => {
    const { events, result } = await runTune({
      plugin: centroidPlugin(),
      grid: { shrink: [0, 0.5] },
      train,
      folds: 2,
    });
    expect(events[0]).toMatchObject({ type: 'started', tasks: 4 });
    expect(events[0]).not.toHaveProperty('pathOption');
    expect(events.filter((e) => e.type === 'trial-finished').every((e) => !e.warmStarted)).toBe(
      true,
    );
    expect(result.settings).toHaveLength(2);
    expect(result.refit?.testAccuracy).toBeUndefined();
    result.refit?.classifier.dispose();
  });

  it('stops at an abort: finished settings only, no refit, stop reason aborted', async () => {
    const controller = new AbortController();
    const events: TuningEvent[] = [];
    const generator = tune({
      plugin,
      grid: { C: Cs },
      train,
      folds: 3,
      pathOption: false,
      signal: controller.signal,
    });
    let result: TuningResult | undefined;
    for (;;) {
      const next = await generator.next();
      if (next.done) {
        result = next.value;
        break;
      }
      events.push(next.value);
      if (next.value.type === 'setting-scored') controller.abort();
    }
    expect(result.stopReason).toBe('aborted');
    expect(result.settings.map((s) => s.params)).toEqual([{ C: 0.01 }]);
    expect(result.refit).toBeUndefined();
    expect(events.some((e) => e.type === 'refit-started')).toBe(false);
  });

  it('rejects more folds than the smallest class has samples, and bad grids, before any fit', async () => {
    await expect(runTune({ plugin, grid: { C: Cs }, train, folds: 13 })).rejects.toThrow(
      /expected at least 13 samples in every class for 13 folds, found class 0 \('blob 0'\) with 12 samples/,
    );
    await expect(runTune({ plugin, grid: { C: [0] }, train })).rejects.toThrow(TuningInputError);
  });
});
