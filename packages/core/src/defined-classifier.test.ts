import { describe, expect, it } from 'vitest';
import {
  ArtifactError,
  ClassifierInputError,
  NotFittedError,
  PluginOptionsError,
} from './errors.js';
import type { FitCheckpoint } from './fit-checkpoint.js';
import { fitToEnd } from './fit-to-end.js';
import { fakeClock } from './test-support/fake-clock.js';
import { type Script, type ScriptLog, scriptedPlugin } from './test-support/scripted-plugin.js';
import { toyDataset } from './test-support/toy-data.js';
import type { ProgressEvent, TrainingEvent } from './training-event.js';

// Samples are labelled i mod 3, so a model favouring one class is right on a third of them.
const train = toyDataset(4, 3, 2);
const test = { ...toyDataset(2, 3, 2), split: 'test' as const };

function setup(script: Omit<Script, 'log'>, options: Record<string, unknown> = {}) {
  const log: ScriptLog = [];
  const plugin = scriptedPlugin({ ...script, log })();
  const classifier = plugin.create(plugin.options.parse(options));
  return { log, plugin, classifier };
}

async function collect(fit: AsyncGenerator<TrainingEvent, unknown, undefined>) {
  const events: TrainingEvent[] = [];
  const result = await fitToEnd(fit, (e) => events.push(e));
  const progress = events.filter((e): e is ProgressEvent => e.type === 'progress');
  return { events, progress, result };
}

describe('the fit driver streams what the trainer does', () => {
  it('emits the start from the trainer, a progress event per step and the end result', async () => {
    const { classifier, log } = setup({ steps: 3 });
    const { events, progress, result } = await collect(classifier.fit(train));
    expect(events[0]).toEqual({
      type: 'start',
      unit: 'iteration',
      total: 3,
      numSamples: 12,
      numFeatures: 2,
      numClasses: 3,
      description: 'scripted run',
      notes: ['a note'],
    });
    expect(progress.map((e) => [e.step, e.objective, e.evaluations, e.message])).toEqual([
      [1, 1, 2, 'did 1'],
      [2, 1 / 2, 3, 'did 2'],
      [3, 1 / 3, 4, 'did 3'],
    ]);
    expect(events.at(-1)).toEqual({ type: 'end', result });
    expect(result).toMatchObject({
      stopReason: 'completed',
      converged: true,
      message: 'finished 3',
      steps: 3,
      evaluations: 4,
      objective: 1 / 3,
    });
    // Models of steps 1 and 2 were released when replaced; the trainer closed and released once.
    expect(log.filter((l) => l.includes('released') || l === 'steps closed')).toEqual([
      `model ${idOfModel(log, 1)} released`,
      `model ${idOfModel(log, 2)} released`,
      'steps closed',
      'trainer released',
    ]);
    expect(classifier.fitted).toBe(true);
  });

  it('evaluates held-out data every `every` steps and at the final one, with that step’s model', async () => {
    const { classifier } = setup({ steps: 5 });
    const { progress, result } = await collect(
      classifier.fit(train, { evaluate: { data: test, every: 2 } }),
    );
    const evaluated = progress.filter((e) => e.evaluation);
    expect(evaluated.map((e) => e.step)).toEqual([2, 4, 5]);
    // Step s predicts class (s − 1) mod 3 everywhere: step 2 → class 1, step 5 → class 1.
    expect(Array.from(evaluated[0]?.evaluation?.predictions ?? [])).toEqual([1, 1, 1, 1, 1, 1]);
    expect(evaluated.map((e) => e.evaluation?.accuracy)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(result.evaluation?.step).toBe(5);
  });

  it('treats a step flagged final as the last even without a total', async () => {
    const { classifier } = setup({ steps: 3, reportTotal: false, flagFinal: true });
    const { events, progress } = await collect(
      classifier.fit(train, { evaluate: { data: test, every: 100 } }),
    );
    expect(events[0]).not.toHaveProperty('total');
    expect(progress.map((e) => e.evaluation?.step)).toEqual([undefined, undefined, 3]);
  });

  it('evaluates the last model after the end when no step was known to be final', async () => {
    const { classifier } = setup({ steps: 3, reportTotal: false });
    const { progress, result } = await collect(
      classifier.fit(train, { evaluate: { data: test, every: 100 } }),
    );
    expect(progress.some((e) => e.evaluation)).toBe(false);
    expect(result.evaluation?.step).toBe(3);
  });

  it('leaves evaluation and time spent paused out of the fit time', async () => {
    const clock = fakeClock();
    const { classifier } = setup({
      steps: 4,
      onStep: () => clock.advance(10),
      onPredict: () => clock.advance(1000),
    });
    const fit = classifier.fit(train, { evaluate: { data: test, every: 1 } });
    const seen: number[] = [];
    let result: unknown;
    for await (const event of fit) {
      if (event.type === 'progress') seen.push(event.elapsedMs);
      if (event.type === 'end') result = event.result;
      clock.advance(5000); // the consumer dawdles between events
    }
    expect(seen).toEqual([10, 20, 30, 40]);
    expect(result).toMatchObject({ fitSeconds: 0.04 });
  });

  it('fills in training accuracy when asked and the plugin does not report it', async () => {
    const { classifier } = setup({ steps: 2 });
    const { progress, result } = await collect(
      classifier.fit(train, { evaluate: { data: test, every: 1 }, trainAccuracy: 'evaluations' }),
    );
    expect(progress.map((e) => e.trainAccuracy)).toEqual([1 / 3, 1 / 3]);
    expect(result.trainAccuracy).toBe(1 / 3);
    const plain = setup({ steps: 2 });
    const quiet = await collect(plain.classifier.fit(train, { trainAccuracy: 'end' }));
    expect(quiet.progress.map((e) => e.trainAccuracy)).toEqual([undefined, undefined]);
    expect(quiet.result.trainAccuracy).toBe(1 / 3);
  });

  it('measures no training accuracy for a plugin that says it does not, and says so at the start', async () => {
    const { classifier } = setup({ steps: 2, skipsTrainAccuracy: true });
    const { events, progress, result } = await collect(
      classifier.fit(train, { evaluate: { data: test, every: 1 }, trainAccuracy: 'evaluations' }),
    );
    expect(events[0]).toMatchObject({ type: 'start', skipsTrainAccuracy: true });
    expect(events.some((e) => e.type === 'evaluating' && e.set === 'training')).toBe(false);
    expect(progress.map((e) => e.trainAccuracy)).toEqual([undefined, undefined]);
    expect(progress.map((e) => e.evaluation?.step)).toEqual([1, 2]);
    expect(result.trainAccuracy).toBeUndefined();
    expect((await classifier.save()).metadata.metrics?.trainAccuracy).toBeUndefined();
  });

  it('passes the trainer’s end fields through, and its final model', async () => {
    const { classifier } = setup({
      steps: 2,
      end: { warning: 'be careful', trainAccuracy: 0.5, steps: 7, objective: 0.25 },
    });
    const { result } = await collect(classifier.fit(train));
    expect(result).toMatchObject({
      warning: 'be careful',
      trainAccuracy: 0.5,
      steps: 7,
      objective: 0.25,
    });
  });
});

describe('held-out evaluation in batches and by time', () => {
  it('announces a long evaluation batch by batch, before the progress event that carries it', async () => {
    const clock = fakeClock();
    // Each batch takes 60 ms: long enough to be reported.
    const { classifier } = setup({ steps: 2, onPredict: () => clock.advance(60) });
    const big = { ...toyDataset(200, 3, 2), split: 'test' as const }; // 600 samples
    const { events, result } = await collect(
      classifier.fit(train, { evaluate: { data: big, every: 1 } }),
    );
    const types = events.map((e) =>
      e.type === 'evaluating' ? `evaluating ${e.step}:${e.done}` : e.type,
    );
    // 128 rows in 60 ms, then batches sized for 200 ms: round(200 / (60 / 128)) = 427, then the last 45.
    expect(types).toEqual([
      'start',
      'evaluating 1:128',
      'evaluating 1:555',
      'progress',
      'evaluating 2:128',
      'evaluating 2:555',
      'progress',
      'end',
    ]);
    const first = events[1];
    expect(first?.type === 'evaluating' && Array.from(first.predictions)).toEqual(
      new Array(128).fill(0),
    );
    expect(result.evaluation?.elapsedMs).toBe(180);
  });

  it("evaluates by time under 'auto': the first step, then as the interval and the share allow", async () => {
    const clock = fakeClock();
    const { classifier } = setup({
      steps: 10,
      onStep: () => clock.advance(10), // each step: 10 ms of fitting
      onPredict: () => clock.advance(20), // each evaluation: 20 ms
    });
    const { progress } = await collect(classifier.fit(train, { evaluate: { data: test } }));
    // Hand-computed with AUTO_SCHEDULE (20 ms, 50 %): step 2 ends 10 ms after the first
    // evaluation; from step 3 on the interval allows, but 40 ms of evaluation exceeds half the fit
    // time until step 8 (80 ms); step 9 is again too soon after it, step 10 the last.
    expect(progress.filter((e) => e.evaluation).map((e) => e.step)).toEqual([1, 8, 10]);
  });

  it('measures a training accuracy the plugin does not report batch by batch too, after the evaluation', async () => {
    const clock = fakeClock();
    const { classifier } = setup({ steps: 1, onPredict: () => clock.advance(60) });
    const big = toyDataset(200, 3, 2); // 600 training samples: three batches, as above
    const { events, progress } = await collect(
      classifier.fit(big, { evaluate: { data: test, every: 1 }, trainAccuracy: 'evaluations' }),
    );
    const types = events.map((e) => (e.type === 'evaluating' ? `${e.set} ${e.done}` : e.type));
    // The held-out set (6 samples) in one quiet batch, then the training set, then the progress.
    expect(types).toEqual(['start', 'training 128', 'training 555', 'progress', 'end']);
    // Step 1 predicts class 0 everywhere: a third of the training set.
    expect(progress[0]?.trainAccuracy).toBeCloseTo(1 / 3);
  });

  it('evaluates only the last step with every = 0', async () => {
    const { classifier } = setup({ steps: 4 });
    const { progress } = await collect(
      classifier.fit(train, { evaluate: { data: test, every: 0 } }),
    );
    expect(progress.filter((e) => e.evaluation).map((e) => e.step)).toEqual([4]);
  });
});

describe('stopping', () => {
  it('ends at the next step boundary after an abort, even when the trainer ignores the signal', async () => {
    const controller = new AbortController();
    const second = setup({ steps: 10 });
    const events: TrainingEvent[] = [];
    const stopped = await fitToEnd(
      second.classifier.fit(train, {
        signal: controller.signal,
        evaluate: { data: test, every: 100 },
      }),
      (e) => {
        events.push(e);
        if (e.type === 'progress' && e.step === 2) controller.abort();
      },
    );
    expect(events.filter((e) => e.type === 'progress')).toHaveLength(2);
    expect(stopped).toMatchObject({
      stopReason: 'aborted',
      converged: false,
      steps: 2,
      message: 'aborted after 2 iterations (did 2)',
      objective: 1 / 2,
    });
    // The model of step 2 is kept and evaluated, and the trainer was closed before the end.
    expect(stopped.evaluation?.step).toBe(2);
    expect(second.classifier.fitted).toBe(true);
    expect(second.log.slice(-2)).toEqual(['steps closed', 'trainer released']);
  });

  it('pulls no step once aborted, not even the first', async () => {
    const { classifier } = setup({ steps: 10 });
    const controller = new AbortController();
    controller.abort();
    const result = await fitToEnd(classifier.fit(train, { signal: controller.signal }));
    // Aborted before the first step: the trainer is never pulled and no model is made.
    expect(result).toMatchObject({
      stopReason: 'aborted',
      message: 'aborted after 0 iterations',
      steps: 0,
    });
    expect(classifier.fitted).toBe(false);
  });

  it('pulls once more from a trainer that watches the signal, for its own end', async () => {
    const { classifier, log } = setup({ steps: 10, watchSignal: true });
    const controller = new AbortController();
    const result = await fitToEnd(classifier.fit(train, { signal: controller.signal }), (e) => {
      if (e.type === 'progress' && e.step === 2) controller.abort();
    });
    expect(result).toMatchObject({ stopReason: 'aborted', message: 'stopped at 2', steps: 2 });
    expect(log.filter((l) => l.startsWith('step '))).toHaveLength(2);
  });

  it('collects the trainer’s own end after a final step, even when aborted', async () => {
    const { classifier } = setup({ steps: 3, flagFinal: true });
    const controller = new AbortController();
    const result = await fitToEnd(classifier.fit(train, { signal: controller.signal }), (e) => {
      if (e.type === 'progress' && e.step === 3) controller.abort();
    });
    expect(result).toMatchObject({ stopReason: 'completed', message: 'finished 3', steps: 3 });
  });

  it('closes the trainer when the consumer leaves the loop, keeping the model it had', async () => {
    const { classifier, log } = setup({ steps: 10 });
    const fit = classifier.fit(train);
    for await (const event of fit) if (event.type === 'progress' && event.step === 3) break;
    expect(log.slice(-2)).toEqual(['steps closed', 'trainer released']);
    expect(log.filter((l) => l.startsWith('step '))).toHaveLength(3);
    expect(Array.from(classifier.logits())).toEqual([0, 0, 2]);
    // The guard is down again: a second fit runs.
    await fitToEnd(classifier.fit(train));
  });

  it('releases the trainer when a fit is left right after its start event', async () => {
    const { classifier, log } = setup({ steps: 3 });
    const fit = classifier.fit(train);
    await fit.next();
    await fit.return(undefined as never);
    expect(log).toEqual(['train', 'trainer released']);
  });

  it('frees everything on dispose() while a fit is suspended, without resuming it', async () => {
    const { classifier, log } = setup({ steps: 10 });
    const fit = classifier.fit(train);
    await fit.next();
    await fit.next(); // step 1
    classifier.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.filter((l) => !/^step \d/.test(l) && l !== 'train')).toEqual([
      `model ${idOfModel(log, 1)} released`,
      'steps closed',
      'trainer released',
    ]);
    // Resumed later, the fit ends as aborted and frees nothing twice.
    const rest: TrainingEvent[] = [];
    for await (const event of fit) rest.push(event);
    expect(rest.map((e) => e.type)).toEqual(['end']);
    expect(rest[0]).toMatchObject({ result: { stopReason: 'aborted' } });
    expect(log.filter((l) => l === 'trainer released')).toHaveLength(1);
    await expect(classifier.predict(test.features)).rejects.toThrow(/disposed/);
  });

  it('drops an evaluation that a dispose() interrupts and ends the fit as aborted', async () => {
    let classifier: ReturnType<typeof setup>['classifier'] | undefined;
    const made = setup({
      steps: 5,
      onPredict: () => {
        classifier?.dispose();
        throw new Error('the model was freed under the evaluation');
      },
    });
    classifier = made.classifier;
    const { result, progress } = await collect(
      made.classifier.fit(train, { evaluate: { data: test, every: 1 } }),
    );
    expect(progress).toHaveLength(1);
    expect(progress[0]?.evaluation).toBeUndefined();
    expect(result).toMatchObject({ stopReason: 'aborted', steps: 1 });
  });

  it('rethrows a trainer’s error after closing it', async () => {
    const { classifier, log } = setup({ steps: 5, failAt: 3 });
    await expect(fitToEnd(classifier.fit(train))).rejects.toThrow('step 3 failed');
    expect(log.slice(-2)).toEqual(['steps closed', 'trainer released']);
    // The guard is down again: the next fit runs (and fails the same way), not "still running".
    await expect(fitToEnd(classifier.fit(train))).rejects.toThrow('step 3 failed');
  });
});

describe('the lifecycle around fit', () => {
  it('checks the training data before the trainer starts', async () => {
    const { classifier, log } = setup({ steps: 3 });
    const bad = { ...train, labels: train.labels.map((l, i) => (i === 5 ? 7 : l)) };
    await expect(fitToEnd(classifier.fit(bad))).rejects.toThrow(
      /expected labels in \[0, 3\), found 7 at sample 5/,
    );
    expect(log).toEqual([]);
  });

  it('refuses a second fit while one is running', async () => {
    const { classifier } = setup({ steps: 3 });
    const first = classifier.fit(train);
    await first.next();
    await expect(classifier.fit(train).next()).rejects.toThrow(ClassifierInputError);
    await first.return(undefined as never);
  });

  it('says what is missing before a fit, and after dispose()', async () => {
    const { classifier } = setup({ steps: 3 });
    await expect(classifier.predict(test.features)).rejects.toThrow(NotFittedError);
    await expect(classifier.save()).rejects.toThrow(
      "save: expected a fitted 'scripted' classifier, found one without a model",
    );
    expect(() => classifier.logits()).toThrow(NotFittedError);
    classifier.dispose();
    await expect(classifier.score(test)).rejects.toThrow(
      'score: expected a live classifier, found one that was disposed',
    );
  });

  it('predicts the argmax of predictProba, the lowest class on ties, and validates features', async () => {
    const { classifier } = setup({ steps: 1 });
    await fitToEnd(classifier.fit(train));
    // Step 1 favours class 0; the other two tie and never win.
    expect(Array.from(await classifier.predict(test.features))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await classifier.score(test)).toBeCloseTo(1 / 3, 12);
    await expect(classifier.predict(new Float32Array(3))).rejects.toThrow(/multiple of 2/);
    await expect(classifier.predictProba(Float32Array.of(1, Number.NaN))).rejects.toThrow(
      /finite values, found NaN at row 0, column 1/,
    );
  });
});

describe('warm starts from another classifier (a path)', () => {
  it('hands a plugin that warm starts the fitted model of `warmStartFrom`', async () => {
    const log: ScriptLog = [];
    const plugin = scriptedPlugin({ steps: 2, warmStarts: true, log })();
    const first = plugin.create(plugin.options.parse({ level: 1 }));
    const second = plugin.create(plugin.options.parse({ level: 2 }));
    expect(second.warmStarts).toBe(true);
    // Unfitted: nothing to start from.
    await fitToEnd(first.fit(train, { warmStartFrom: second }));
    await fitToEnd(second.fit(train, { warmStartFrom: first }));
    expect(log.filter((l) => /^train($| from)/.test(l))).toEqual([
      'train',
      `train from model ${first.model?.id}`,
    ]);
  });

  it('keeps a model the trainer ends with before any step (a start already at the optimum)', async () => {
    const logits = Float32Array.of(0, 2, 0);
    const { classifier } = setup({ steps: 0, end: { model: { id: -1, logits } } });
    const result = await fitToEnd(classifier.fit(train));
    expect(result.steps).toBe(0);
    expect(classifier.fitted).toBe(true);
    // Every row predicts class 1: right on a third of them.
    expect(await classifier.score(test)).toBeCloseTo(1 / 3, 12);
    expect((await classifier.save()).metadata.metrics).toMatchObject({ steps: 0 });
  });

  it('fits a plugin that does not warm start, or from another plugin, from scratch', async () => {
    const { classifier: cold, log } = setup({ steps: 1 });
    const { classifier: other } = setup({ steps: 1 });
    await fitToEnd(other.fit(train));
    expect(cold.warmStarts).toBe(false);
    await fitToEnd(cold.fit(train, { warmStartFrom: other }));
    const warmLog: ScriptLog = [];
    const warm = scriptedPlugin({ name: 'renamed', steps: 1, warmStarts: true, log: warmLog })();
    const classifier = warm.create(warm.options.parse({}));
    await fitToEnd(classifier.fit(train, { warmStartFrom: other }));
    expect(log.filter((l) => /^train($| from)/.test(l))).toEqual(['train']);
    expect(warmLog.filter((l) => /^train($| from)/.test(l))).toEqual(['train']);
  });
});

describe('inspect', () => {
  it('hands the plugin the model and a 2-D image shape, and gives nothing for flat features', async () => {
    const { classifier } = setup({ steps: 1 });
    await expect(classifier.inspect()).rejects.toThrow(NotFittedError);
    await fitToEnd(classifier.fit(train));
    expect(await classifier.inspect()).toEqual([]);
    const images = { ...train, imageShape: [1, 2] };
    await fitToEnd(classifier.fit(images));
    const [set, ...rest] = await classifier.inspect();
    expect(rest).toEqual([]);
    expect(set).toMatchObject({ name: 'logits', scale: 'diverging', shape: [1, 2] });
    // Step 1 favours class 0: its image holds the logit 2.
    expect(set?.images.map((image) => [image.label, Array.from(image.values)])).toEqual([
      ['class 0', [2, 0]],
      ['class 1', [0, 0]],
      ['class 2', [0, 0]],
    ]);
  });
});

describe('metadata, saving and loading', () => {
  it('describes the data, the options, the caller’s provenance and the metrics', async () => {
    const { classifier } = setup({ steps: 2 }, { level: 4 });
    await fitToEnd(
      classifier.fit(train, {
        evaluate: { data: test, every: 1 },
        provenance: { sampling: '4 per class', seed: 3 },
      }),
    );
    const { metadata, plugin, files } = await classifier.save();
    expect(plugin).toBe('scripted');
    expect(Object.keys(files)).toEqual(['logits.bin']);
    expect(metadata).toEqual({
      numFeatures: 2,
      numClasses: 3,
      classNames: ['class 0', 'class 1', 'class 2'],
      imageShape: [2],
      preprocessing: [],
      dataset: 'toy',
      training: {
        level: 4,
        options: { level: 4, threads: 0 },
        numSamples: 12,
        split: 'train',
        sampling: '4 per class',
        seed: 3,
        complete: true,
        stopReason: 'completed',
        converged: true,
        totalSteps: 2,
        unit: 'iteration',
      },
      metrics: {
        steps: 2,
        objective: 1 / 2,
        gradientNorm: 0.05,
        evaluations: 3,
        fitSeconds: expect.any(Number),
        heldOutAccuracy: 1 / 3,
        testAccuracy: 1 / 3,
      },
    });
  });

  it('marks a model saved in the middle of a fit as incomplete', async () => {
    const { classifier } = setup({ steps: 5 });
    const fit = classifier.fit(train);
    await fit.next();
    await fit.next();
    const { metadata } = await classifier.save();
    expect(metadata.training).toMatchObject({ complete: false });
    expect(metadata.training).not.toHaveProperty('stopReason');
    expect(metadata.metrics).toMatchObject({ steps: 1 });
    await fit.return(undefined as never);
  });

  it('marks a model saved after an abort as interrupted, not complete', async () => {
    const { classifier } = setup({ steps: 5 });
    const controller = new AbortController();
    const fit = classifier.fit(train, { signal: controller.signal });
    await fit.next();
    await fit.next();
    await fit.next();
    controller.abort();
    // The consumer leaves at once, as a session does on Ctrl-C.
    await fit.return(undefined as never);
    const { metadata } = await classifier.save();
    expect(metadata.training).toMatchObject({
      complete: false,
      interrupted: true,
      stopReason: 'aborted',
      converged: false,
      totalSteps: 5,
    });
    expect(metadata.metrics).toMatchObject({ steps: 2 });
  });

  it('marks a fit that ran to an abort end as interrupted too', async () => {
    const { classifier } = setup({ steps: 5, watchSignal: true });
    const controller = new AbortController();
    const fit = classifier.fit(train, { signal: controller.signal });
    await fit.next();
    await fit.next();
    controller.abort();
    await fitToEnd(fit);
    const { metadata } = await classifier.save();
    expect(metadata.training).toMatchObject({ complete: false, interrupted: true });
  });

  it('gives encode the metadata the artifact carries, for formats that embed it', async () => {
    const { classifier, log } = setup({ steps: 3 });
    const fit = classifier.fit(train);
    await fit.next();
    await fit.next();
    await classifier.save();
    await fitToEnd(fit);
    const artifact = await classifier.save();
    const reloaded = scriptedPlugin({ steps: 1, log })();
    await (await reloaded.load(artifact)).save();
    expect(log.filter((l) => l.startsWith('encoded'))).toEqual([
      'encoded with metadata of 1 steps',
      'encoded with metadata of 3 steps',
      'encoded with metadata of 3 steps',
    ]);
  });

  it('loads with the model options saved, the rest from the loading plugin, overrides on top', async () => {
    const { classifier } = setup({ steps: 1 }, { level: 4, threads: 3 });
    await fitToEnd(classifier.fit(train));
    const artifact = await classifier.save();
    const log: ScriptLog = [];
    const plugin = scriptedPlugin({ steps: 1, log })({ threads: 2 });
    const loaded = await plugin.load(artifact);
    expect(loaded.options).toEqual({ level: 4, threads: 2 });
    expect(loaded.fitted).toBe(true);
    expect(Array.from(await loaded.predictProba(test.features.subarray(0, 2)))).toEqual(
      Array.from(await classifier.predictProba(test.features.subarray(0, 2))),
    );
    expect((await loaded.save()).metadata).toEqual(artifact.metadata);
    expect((await plugin.load(artifact, { level: 7 })).options).toEqual({ level: 7, threads: 2 });
  });

  it('reads options stored directly under `training` by earlier versions, skipping invalid ones', async () => {
    const { classifier } = setup({ steps: 1 });
    await fitToEnd(classifier.fit(train));
    const artifact = await classifier.save();
    const legacy = (training: Record<string, unknown>) => ({
      ...artifact,
      metadata: { ...artifact.metadata, training },
    });
    const plugin = scriptedPlugin({ steps: 1, log: [] })();
    expect((await plugin.load(legacy({ level: 6, split: 'train' }))).options.level).toBe(6);
    expect((await plugin.load(legacy({ level: 60 }))).options.level).toBe(1);
  });

  it('lets options implied by the model win over saved ones', async () => {
    const { classifier } = setup({ steps: 1 });
    const wide = toyDataset(2, 4, 2);
    await fitToEnd(classifier.fit(wide));
    const plugin = scriptedPlugin({ steps: 1, log: [] })();
    expect((await plugin.load(await classifier.save())).options.level).toBe(9);
  });

  it('refuses another plugin’s model, a broken file, and bad overrides (releasing the model)', async () => {
    const { classifier } = setup({ steps: 1 });
    await fitToEnd(classifier.fit(train));
    const artifact = await classifier.save();
    const log: ScriptLog = [];
    const plugin = scriptedPlugin({ steps: 1, log })();
    await expect(plugin.load({ ...artifact, plugin: 'knn' })).rejects.toThrow(
      "expected a model saved by the 'scripted' plugin, found one saved by 'knn'",
    );
    await expect(plugin.load({ ...artifact, files: {} })).rejects.toThrow(ArtifactError);
    await expect(plugin.load(artifact, { level: -1 })).rejects.toThrow(PluginOptionsError);
    expect(log).toEqual([expect.stringMatching(/^model \d+ released$/)]);
  });
});

describe('plugin factories', () => {
  it('replace the defaults, which the schema then reports', () => {
    const plugin = scriptedPlugin({ steps: 1, log: [] })({ level: 5 });
    expect(plugin.options.parse({})).toEqual({ level: 5, threads: 0 });
    expect(plugin.options.safeParse({ level: 10 }).success).toBe(false);
    expect(plugin.options.safeParse({ lvl: 1 }).success).toBe(false);
  });

  it('reject invalid defaults at once, naming them', () => {
    expect(() => scriptedPlugin({ steps: 1, log: [] })({ level: 12 })).toThrow(
      /invalid options for classifier 'scripted': defaults\.level: /,
    );
  });
});

/** The id of the model a step made, from the release lines of the log. */
function idOfModel(log: ScriptLog, step: number): number {
  const ids = log.filter((l) => /^model \d+ released$/.test(l)).map((l) => Number(l.split(' ')[1]));
  const first = Math.min(...ids);
  return first + step - 1;
}

describe('checkpoints and resume', () => {
  const checkpointsOf = (written: FitCheckpoint[]) =>
    written.map((c) => `${c.step}:${JSON.stringify(c.trainerState)}:${c.complete}`);

  it('writes a checkpoint every n steps and at the end, with the model as it stood', async () => {
    const { classifier } = setup({ steps: 5, resumable: 'honour' });
    const written: FitCheckpoint[] = [];
    await fitToEnd(
      classifier.fit(train, { checkpoint: { every: 2, write: async (c) => void written.push(c) } }),
    );
    expect(checkpointsOf(written)).toEqual(['2:{"at":2}:false', '4:{"at":4}:false', '5:null:true']);
    expect(written[0]?.artifact.metadata.metrics?.steps).toBe(2);
    expect(written[0]?.artifact.files['logits.bin']).toBeDefined();
  });

  it('writes one when aborted, and a resumed fit continues after it to the same end', async () => {
    const { classifier, log } = setup({ steps: 5, resumable: 'honour' });
    const written: FitCheckpoint[] = [];
    const controller = new AbortController();
    const fit = classifier.fit(train, {
      signal: controller.signal,
      checkpoint: { every: 10, write: async (c) => void written.push(c) },
    });
    for await (const event of fit) {
      if (event.type === 'progress' && event.step === 3) {
        controller.abort();
        break;
      }
    }
    expect(checkpointsOf(written)).toEqual(['3:{"at":3}:false']);
    expect(written[0]?.artifact.metadata.training).toMatchObject({ interrupted: true });

    const resumed = setup({ steps: 5, resumable: 'honour' });
    const result = await fitToEnd(
      resumed.classifier.fit(train, { resume: written[0] as FitCheckpoint }),
    );
    expect(resumed.log).toContain('resume {"at":3}');
    expect(resumed.log.filter((l) => l.startsWith('step '))).toEqual(['step 4', 'step 5']);
    expect(result).toMatchObject({ steps: 5, stopReason: 'completed' });
    expect(log.filter((l) => l.startsWith('step '))).toEqual(['step 1', 'step 2', 'step 3']);
  });

  it('holds the state the trainer ended with when the consumer leaves after its end', async () => {
    const { classifier } = setup({ steps: 5, resumable: 'honour', watchSignal: true });
    const written: FitCheckpoint[] = [];
    const controller = new AbortController();
    const fit = classifier.fit(train, {
      signal: controller.signal,
      evaluate: { data: test, every: 0 },
      checkpoint: { every: 10, write: async (c) => void written.push(c) },
    });
    for await (const event of fit) {
      if (event.type === 'progress' && event.step === 2) controller.abort();
      // The trainer has ended (aborted); leave during the last evaluation, as Ctrl-C does.
      if (event.type === 'evaluating') break;
    }
    expect(checkpointsOf(written)).toEqual(['2:{"at":2,"ended":true}:false']);
  });

  it("reads a trainer's end state only for a checkpoint (it may be built only when read)", async () => {
    let reads = 0;
    const end = {};
    Object.defineProperty(end, 'state', {
      enumerable: true,
      get() {
        reads++;
        return { at: 'end' };
      },
    });
    const plain = setup({ steps: 2, end });
    expect(await fitToEnd(plain.classifier.fit(train))).toMatchObject({ stopReason: 'completed' });
    expect(reads).toBe(0);
    const kept = setup({ steps: 2, resumable: 'honour', end });
    const written: FitCheckpoint[] = [];
    await fitToEnd(
      kept.classifier.fit(train, {
        checkpoint: { every: 10, write: async (c) => void written.push(c) },
      }),
    );
    expect(reads).toBeGreaterThan(0);
    expect(checkpointsOf(written)).toEqual(['2:{"at":"end"}:true']);
  });

  it('refuses a checkpoint of other options, or a trainer that ignores it', async () => {
    const { classifier } = setup({ steps: 4, resumable: 'honour' }, { level: 4 });
    const written: FitCheckpoint[] = [];
    await fitToEnd(
      classifier.fit(train, { checkpoint: { every: 1, write: async (c) => void written.push(c) } }),
    );
    const checkpoint = written[1] as FitCheckpoint;
    const other = setup({ steps: 4, resumable: 'honour' }, { level: 2 });
    await expect(fitToEnd(other.classifier.fit(train, { resume: checkpoint }))).rejects.toThrow(
      /resume: .*level: checkpoint has 4, this fit 2/,
    );
    const ignoring = setup({ steps: 4, resumable: 'ignore' }, { level: 4 });
    await expect(fitToEnd(ignoring.classifier.fit(train, { resume: checkpoint }))).rejects.toThrow(
      /continue after step 2 of the checkpoint, found it starting again at step 1/,
    );
  });
});
