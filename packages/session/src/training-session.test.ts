import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassifierPlugin } from '@digitlab/core';
import { readModelArtifact } from '@digitlab/core/node';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SessionEvent } from './session-events.js';
import { recordedSession } from './test-support/recorded-session.js';
import { sleep, until } from './test-support/wait-until.js';
import { activeFits, gradientDescentPlugin } from './testing/gradient-descent-plugin.js';
import { toySplits } from './testing/toy-splits.js';
import type { TrainingSessionConfig } from './training-session.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A recorded toy session that measures the training accuracy the toy plugin does not report. */
const session = (options: Record<string, unknown>, extra: Partial<TrainingSessionConfig> = {}) =>
  recordedSession(options, { trackTrainAccuracy: true, ...extra });

const steps = (events: SessionEvent[]) =>
  events.flatMap((e) => (e.type === 'progress' ? [e.point.step] : []));
/** A slow session's run, paused once it has reported three steps. */
async function pausedAfterThreeSteps() {
  const { s, events } = session({ maxIter: 400, stepDelayMs: 2 });
  const run = s.run();
  await until(() => steps(events).length >= 3);
  s.pause();
  return { s, events, run };
}

describe('TrainingSession', () => {
  it('loads, starts, reports every step, evaluates every evalEvery steps and finishes', async () => {
    const { s, events } = session({ maxIter: 12 });
    const result = await s.run();
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('loading');
    expect(types[1]).toBe('started');
    expect(types.at(-1)).toBe('finished');
    expect(steps(events)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const evaluated = events.flatMap((e) => (e.type === 'evaluated' ? [e.summary.step] : []));
    expect(evaluated).toEqual([5, 10, 12]);
    expect(result.outcome).toMatchObject({ stopReason: 'max-iter', steps: 12, converged: false });
    expect(result.outcome.testAccuracy).toBe(result.evaluation?.accuracy);
    expect(result.info).toMatchObject({
      classifier: 'toy-gradient-descent',
      optimizer: 'gd',
      unit: 'iteration',
      optimizerDescription: 'gd learning_rate=0.5 max_iter=12',
      nTrain: 100,
    });
    s.dispose();
  });

  it('takes the optimizer from the option whose metadata selects the solver, not from its name', async () => {
    const plugin = gradientDescentPlugin();
    const schema = plugin.options as unknown as z.ZodObject;
    const described = async (options: z.ZodType) => {
      const { s } = recordedSession(
        { maxIter: 2, solver: 'momentum' },
        {
          plugin: { ...plugin, options } as unknown as ClassifierPlugin,
          loadData: async () => toySplits(2, 3, 4),
        },
      );
      const { info } = await s.run();
      s.dispose();
      return info;
    };
    const selected = await described(schema);
    expect(selected.optimizer).toBe('momentum');
    expect(selected.optionDescriptions.find((d) => d.name === 'maxIter')?.group).toBe('solver');
    // The same option without the metadata is just an option called solver.
    const unmarked = await described(schema.extend({ solver: z.enum(['gd', 'momentum']) }));
    expect(unmarked.optimizer).toBeUndefined();
    expect(unmarked.classifierOptions.solver).toBe('momentum');
  });

  it('measures training accuracy at evaluations when the plugin does not', async () => {
    const { s, events } = session({ maxIter: 10 });
    await s.run();
    const withAccuracy = events.flatMap((e) =>
      e.type === 'progress' && e.point.trainAccuracy !== undefined ? [e.point.step] : [],
    );
    expect(withAccuracy).toEqual([5, 10]);
    s.dispose();
  });

  it('measures no training accuracy for a classifier that says it does not (k-NN)', async () => {
    // A hand-written wrapper: ignores FitOptions.trainAccuracy, says so at the start, counts scores.
    const base = gradientDescentPlugin();
    let scores = 0;
    const plugin = {
      ...base,
      create(options: never) {
        const inner = base.create(options);
        return new Proxy(inner, {
          get(target, key) {
            if (key === 'score')
              return (...args: Parameters<typeof target.score>) => {
                scores++;
                return target.score(...args);
              };
            if (key === 'fit')
              return async function* (...[data, fitOptions]: Parameters<typeof target.fit>) {
                const fit = target.fit(data, { ...fitOptions, trainAccuracy: undefined });
                for (;;) {
                  const next = await fit.next();
                  if (next.done) return next.value;
                  const event = next.value;
                  yield event.type === 'start' ? { ...event, skipsTrainAccuracy: true } : event;
                }
              };
            const value: unknown = Reflect.get(target, key, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      },
    } as unknown as ClassifierPlugin;
    const { s, events } = session({ maxIter: 10 }, { plugin });
    const result = await s.run();
    expect(events.some((e) => e.type === 'progress' && e.point.trainAccuracy !== undefined)).toBe(
      false,
    );
    expect(result.outcome.trainAccuracy).toBeUndefined();
    expect(result.outcome.testAccuracy).toBeGreaterThan(0);
    expect(scores).toBe(0);
    s.dispose();
  });

  it('stops pulling steps while paused and continues after resume', async () => {
    const { s, events, run } = await pausedAfterThreeSteps();
    await sleep(50); // the step in flight when pausing may still arrive
    const atPause = steps(events).length;
    await sleep(150);
    expect(steps(events).length).toBe(atPause);
    expect(events.some((e) => e.type === 'paused')).toBe(true);
    s.resume();
    await until(() => steps(events).length > atPause + 2);
    await s.cancel();
    await run;
    s.dispose();
  });

  it('cancels while paused: the fit generator is returned and the outcome says aborted', async () => {
    const { s, events, run } = await pausedAfterThreeSteps();
    await sleep(20);
    expect(activeFits.count).toBe(1);
    await s.cancel();
    const result = await run;
    expect(result.outcome.stopReason).toBe('aborted');
    expect(result.outcome.steps).toBe(steps(events).at(-1));
    expect(result.outcome.message).toBe(`cancelled after ${result.outcome.steps} iterations`);
    expect(activeFits.count).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: 'finished', outcome: { stopReason: 'aborted' } });
    s.dispose();
  });

  it('saves between two steps while training, with the training settings in the metadata', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'digitlab-session-'));
    dirs.push(dir);
    const target = join(dir, 'model');
    const { s, events } = session({ maxIter: 300, stepDelayMs: 2 }, { saveDir: target });
    const run = s.run();
    await until(() => steps(events).length >= 5);
    s.requestSave();
    await until(() => events.some((e) => e.type === 'saved' || e.type === 'saveFailed'));
    expect(events.find((e) => e.type === 'saved')).toEqual({ type: 'saved', dir: target });
    await s.cancel();
    await run;
    const artifact = await readModelArtifact(target);
    expect(artifact.plugin).toBe('toy-gradient-descent');
    expect(artifact.metadata.training).toMatchObject({
      sampling: '10 per class (toy)',
      complete: false,
    });
    const restored = await gradientDescentPlugin().load(artifact);
    const { test } = toySplits(10, 10, 12);
    expect((await restored.predict(test.features)).length).toBe(test.numSamples);
    s.dispose();
  });

  it('saves a finished model whose metadata the fit driver wrote, with the session’s provenance', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'digitlab-session-'));
    dirs.push(dir);
    const target = join(dir, 'model');
    const { s } = session({ maxIter: 6, learningRate: 0.5 }, { saveDir: target });
    const result = await s.run();
    await s.saveTo();
    const { metadata } = await readModelArtifact(target);
    expect(metadata.training).toMatchObject({
      options: result.info.classifierOptions,
      sampling: result.info.sampling,
      nTrain: result.info.nTrain,
      seed: 0,
      backend: 'cpu',
      complete: true,
      stopReason: result.outcome.stopReason,
    });
    expect(metadata.metrics).toMatchObject({
      steps: 6,
      testAccuracy: result.outcome.testAccuracy,
      trainAccuracy: result.outcome.trainAccuracy,
      objective: result.outcome.objective,
    });
    s.dispose();
  });

  it('reports a save requested before training as failed', () => {
    const { s, events } = session({ maxIter: 3 });
    s.requestSave();
    expect(events).toEqual([
      {
        type: 'saveFailed',
        dir: 'unused',
        message: 'nothing to save yet: training has not started',
      },
    ]);
  });

  it('emits failed and rejects when loading fails', async () => {
    const { s, events } = session(
      { maxIter: 3 },
      {
        loadData: async () => {
          throw new Error('truncated IDX file');
        },
      },
    );
    await expect(s.run()).rejects.toThrow('truncated IDX file');
    expect(events.at(-1)).toEqual({ type: 'failed', message: 'truncated IDX file' });
  });

  it('rejects options the plugin schema refuses, naming the option', async () => {
    const { s } = session({ maxIter: 0 });
    await expect(s.run()).rejects.toThrow(/maxIter/);
  });
});

describe('TrainingSession: held-out schedule and progress', () => {
  const evaluatedSteps = (events: SessionEvent[]) =>
    events.flatMap((e) => (e.type === 'evaluated' ? [e.summary.step] : []));

  it("evaluates by time ('auto') unless told otherwise: the first step, and always the last", async () => {
    const { s, events } = session({ maxIter: 8 }, { evalEvery: undefined });
    const { info } = await s.run();
    expect(info.evalEvery).toBe('auto');
    const evaluated = evaluatedSteps(events);
    expect(evaluated[0]).toBe(1);
    expect(evaluated.at(-1)).toBe(8);
    s.dispose();
  });

  it('evaluates only the last step with evalEvery 0', async () => {
    const { s, events } = session({ maxIter: 8 }, { evalEvery: 0 });
    await s.run();
    expect(evaluatedSteps(events)).toEqual([8]);
    s.dispose();
  });

  it("names what the plugin's evaluations count", async () => {
    const { s } = session({ maxIter: 2 });
    expect((await s.run()).info.evaluationsUnit).toBe('gradients');
    s.dispose();
  });

  it('passes on a long evaluation batch by batch: progress with rate and ETA, a partial matrix', async () => {
    // 600 test rows at 0.5 ms a row: a first batch of 128 rows, then batches of ~200 ms.
    const { s, events } = session(
      { maxIter: 2, predictMsPerRow: 0.5 },
      { evalEvery: 0, trackTrainAccuracy: false, loadData: async () => toySplits(60, 10, 12) },
    );
    await s.run();
    const evaluating = events.flatMap((e) => (e.type === 'evaluating' ? [e] : []));
    expect(evaluating.length).toBeGreaterThanOrEqual(1);
    const done = evaluating.map((e) => e.progress.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    for (const { progress, partial } of evaluating) {
      expect(progress).toMatchObject({ step: 2, total: 600 });
      expect(progress.done).toBeLessThan(600);
      expect(progress.samplesPerSecond).toBeCloseTo(progress.done / (progress.elapsedMs / 1000));
      expect(progress.etaSeconds).toBeCloseTo(
        (600 - progress.done) / (progress.samplesPerSecond as number),
      );
      // The matrix of the part done: as many samples as predicted, its accuracy among them.
      expect(partial.total).toBe(progress.done);
      let correct = 0;
      for (let c = 0; c < 10; c++) correct += partial.counts[c * 10 + c] as number;
      expect(partial.accuracy).toBeCloseTo(correct / progress.done);
    }
    // Every evaluating event comes before the evaluation it belongs to is complete.
    const lastEvaluating = events.lastIndexOf(evaluating.at(-1) as SessionEvent);
    const evaluated = events.findIndex((e) => e.type === 'evaluated');
    expect(lastEvaluating).toBeLessThan(evaluated);
    expect(events[evaluated]).toMatchObject({ summary: { step: 2, total: 600 } });
    s.dispose();
  });

  it('passes on the progress of a long training-accuracy pass, apart from the matrix', async () => {
    // The toy plugin reports no training accuracy: the fit driver predicts the 600 training rows.
    const { s, events } = session(
      { maxIter: 1, predictMsPerRow: 0.5 },
      { evalEvery: 0, loadData: async () => toySplits(60, 10, 12) },
    );
    await s.run();
    const measuring = events.flatMap((e) => (e.type === 'measuringTrainAccuracy' ? [e] : []));
    expect(measuring.length).toBeGreaterThanOrEqual(1);
    for (const { progress } of measuring) {
      expect(progress).toMatchObject({ step: 1, total: 600 });
      expect(progress.etaSeconds).toBeGreaterThanOrEqual(0);
    }
    // After the held-out evaluation (here at the end: the toy's steps are not flagged final),
    // before the outcome; none of them touches the matrix.
    const firstMeasuring = events.indexOf(measuring[0] as SessionEvent);
    expect(events.slice(firstMeasuring).some((e) => e.type === 'evaluating')).toBe(false);
    expect(firstMeasuring).toBeLessThan(events.findIndex((e) => e.type === 'finished'));
    s.dispose();
  });
});
