import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { gaussianBlobs } from '@digitlab/core/testing';
import { softmaxRegression } from '@digitlab/softmax-regression';
import { describe, expect, it } from 'vitest';
import { runTune } from '../test-support/run-tune.js';
import { workerRunner } from './worker-runner.js';

const train = gaussianBlobs({ perClass: 12, numClasses: 3, numFeatures: 4, seed: 3, spread: 0.8 });
const plugin = softmaxRegression({ backend: 'cpu' });
// The workers import the plugin themselves, from the module's file URL.
const source = {
  module: pathToFileURL(createRequire(import.meta.url).resolve('@digitlab/softmax-regression/node'))
    .href,
  export: 'softmaxRegression',
};

describe('workerRunner', () => {
  it('runs the tasks in worker threads, one core each, with the scores of this thread', async () => {
    const config = {
      plugin,
      grid: { C: [0.01, 1] },
      base: { backend: 'cpu' },
      train,
      folds: 3,
      refit: false,
    };
    const inThread = await runTune(config);
    const { events, result } = await runTune({
      ...config,
      runner: workerRunner({ source, maxWorkers: 2 }),
    });
    expect(events[0]).toMatchObject({
      type: 'started',
      concurrency: 2,
      tasks: 3,
      trialOptions: { workers: 0 },
    });
    expect(result.settings.map((s) => s.foldScores)).toEqual(
      inThread.result.settings.map((s) => s.foldScores),
    );
    expect(
      new Set(
        events.filter((e) => e.type === 'trial-finished').map((e) => `${e.setting}/${e.fold}`),
      ).size,
    ).toBe(6);
  });

  it('stops the workers on an abort and says so', async () => {
    const controller = new AbortController();
    const { result } = await runTune(
      {
        plugin,
        grid: { C: [0.01, 0.1, 1, 10] },
        base: { backend: 'cpu' },
        train,
        folds: 3,
        signal: controller.signal,
        pathOption: false,
        runner: workerRunner({ source, maxWorkers: 2 }),
      },
      (e) => {
        // Before any task is sent: deterministic however fast the trials are.
        if (e.type === 'started') controller.abort();
      },
    );
    expect(result.stopReason).toBe('aborted');
    expect(result.settings).toEqual([]);
    expect(result.refit).toBeUndefined();
  });

  it('reports a plugin the workers cannot load, naming the module', async () => {
    const bad = { module: source.module, export: 'noSuchExport' };
    await expect(
      runTune({
        plugin,
        grid: { C: [0.1, 1] },
        train,
        folds: 2,
        runner: workerRunner({ source: bad, maxWorkers: 2 }),
      }),
    ).rejects.toThrow(
      /trial worker \d: could not start: InvalidPluginError: .*export 'noSuchExport'/,
    );
  });
});
