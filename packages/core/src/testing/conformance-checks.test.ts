import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Classifier } from '../classifier.js';
import type { ClassifierPlugin } from '../classifier-plugin.js';
import { createRegistry } from '../registry.js';
import type { FitResult, TrainingEvent } from '../training-event.js';
import { centroidPlugin } from './centroid-plugin.js';
import { checkMinimumAccuracy, checkScore } from './check-accuracy.js';
import { checkEventOrder, checkReturnValue } from './check-event-order.js';
import { checkHeldOutEvaluations } from './check-held-out-evaluations.js';
import { checkImageSets } from './check-image-sets.js';
import { checkDescribedDefaults, checkPluginOptions } from './check-plugin-options.js';
import { checkArgmax, checkPredictions } from './check-predictions.js';
import { checkProbabilities } from './check-probabilities.js';
import { checkRejects } from './check-rejects.js';
import { checkSameOutputs } from './check-round-trip.js';
import { checkAbortedFit, checkLeftEarly, checkUsableAfterStop } from './check-stopped-early.js';
import { checkTensorCount } from './check-tensor-count.js';
import { collectFit } from './collect-fit.js';
import { ConformanceError } from './conformance-error.js';
import { separableClusters } from './separable-clusters.js';
import { broken, permissivePlugin, type ResourceCounter } from './test-support/broken-plugins.js';

const data = separableClusters();
const { train, test } = data;

async function fitted(plugin: ClassifierPlugin<{ shrink: number }>): Promise<Classifier> {
  const classifier = plugin.create({ shrink: 0 });
  await collectFit(classifier.fit(train));
  return classifier;
}

const result: FitResult = {
  stopReason: 'completed',
  converged: true,
  message: 'done',
  steps: 2,
  fitSeconds: 0.5,
};
const start: TrainingEvent = {
  type: 'start',
  unit: 'step',
  numSamples: 3,
  numFeatures: 2,
  numClasses: 2,
  description: 'hand-made',
};
const progress = (step: number): TrainingEvent => ({
  type: 'progress',
  unit: 'step',
  step,
  elapsedMs: step,
});
const end = (r: FitResult = result): TrainingEvent => ({ type: 'end', result: r });

describe('separableClusters', () => {
  it('is deterministic, cycles labels and keeps every class nearest its own centre', () => {
    const again = separableClusters();
    expect(Array.from(again.train.features)).toEqual(Array.from(train.features));
    expect(train.numSamples).toBe(60);
    expect(test.numSamples).toBe(15);
    expect(Array.from(train.labels.slice(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(Array.from(separableClusters({ seed: 2 }).train.features)).not.toEqual(
      Array.from(train.features),
    );
    // Brute force: every sample is closer to its own class centre than to any other.
    for (const split of [train, test]) {
      for (let i = 0; i < split.numSamples; i++) {
        const distances = [0, 1, 2].map((c) => {
          let s = 0;
          for (let j = 0; j < 8; j++)
            s += ((split.features[i * 8 + j] as number) - (j % 3 === c ? 0.8 : 0.2)) ** 2;
          return s;
        });
        const own = distances[split.labels[i] as number] as number;
        expect(distances.filter((d) => d < own)).toEqual([]);
      }
    }
  });

  it('refuses fewer features than classes', () => {
    expect(() => separableClusters({ numClasses: 4, numFeatures: 3 })).toThrow(
      /expected numFeatures ≥ numClasses.*found 3 features for 4 classes/,
    );
  });
});

describe('checkEventOrder', () => {
  it('accepts start, increasing progress, end and returns the parts', () => {
    const checked = checkEventOrder([start, progress(1), progress(3), end()]);
    expect(checked.progress.map((p) => p.step)).toEqual([1, 3]);
    expect(checked.end.result).toBe(result);
  });

  it.each([
    ['no end event', [start, progress(1)], /expected the last event to be 'end'/],
    ['no start event', [progress(1), end()], /expected the first event to be 'start'/],
    ['two starts', [start, start, progress(1), end()], /exactly one 'start'.*index 1/],
    ['two ends', [start, progress(1), end(), end()], /exactly one 'end'.*index 2/],
    ['no progress', [start, end()], /at least one 'progress'/],
    ['steps going back', [start, progress(2), progress(1), end()], /found step 1 after step 2/],
    ['a repeated step', [start, progress(2), progress(2), end()], /found step 2 after step 2/],
    [
      'a negative fit time',
      [start, progress(1), end({ ...result, fitSeconds: -1 })],
      /fitSeconds.*found -1/,
    ],
    [
      'an empty stop reason',
      [start, progress(1), end({ ...result, stopReason: '' })],
      /stopReason to be a non-empty string/,
    ],
    [
      'a changed unit',
      [start, { ...progress(1), unit: 'epoch' } as TrainingEvent, end()],
      /progress.unit "step".*found "epoch"/,
    ],
  ] as const)('rejects %s', (_name, events, message) => {
    expect(() => checkEventOrder(events)).toThrow(ConformanceError);
    expect(() => checkEventOrder(events)).toThrow(message);
  });

  it('catches a plugin that swallows its end event', async () => {
    const classifier = broken.noEnd({ live: 0 }).create({ shrink: 0 });
    const { events, returned } = await collectFit(classifier.fit(train));
    expect(returned).toBeUndefined();
    expect(() => checkEventOrder(events)).toThrow(
      /expected the last event to be 'end', found \["start", "progress", "progress", "progress"\]/,
    );
  });
});

describe('checkReturnValue', () => {
  it('accepts an equal result and rejects a different one', () => {
    checkReturnValue({ type: 'end', result }, { ...result });
    expect(() => checkReturnValue({ type: 'end', result }, { ...result, steps: 3 })).toThrow(
      /expected the generator to return the end event's result/,
    );
    expect(() => checkReturnValue({ type: 'end', result }, undefined)).toThrow(/found undefined/);
  });
});

describe('checkProbabilities', () => {
  it('accepts rows summing to 1 within the tolerance', () => {
    checkProbabilities(Float32Array.from([0.2, 0.8, 1, 0, 0.50004, 0.5]), 3, 2);
  });

  it.each([
    ['a row summing to 1.1', [0.5, 0.6], /sum to 1.*found 1\.1.* at row 0/],
    ['a negative value', [-0.5, 1.5], /in \[0, 1\], found -0\.5 at row 0, class 0/],
    ['NaN', [Number.NaN, 1], /in \[0, 1\], found NaN/],
    ['the wrong length', [1], /Float32Array of 1 × 2 = 2 values, found a Float32Array of length 1/],
  ] as const)('rejects %s', (_name, values, message) => {
    expect(() => checkProbabilities(Float32Array.from(values), 1, 2)).toThrow(message);
  });

  it('catches a plugin whose rows are not normalized', async () => {
    const classifier = await fitted(broken.unnormalized({ live: 0 }));
    const p = await classifier.predictProba(test.features);
    expect(() => checkProbabilities(p, test.numSamples, 3)).toThrow(
      /expected every row to sum to 1 \(±0\.0001\), found 0\.(5|4999)\d* at row 0/,
    );
  });
});

describe('checkPredictions and checkArgmax', () => {
  it('rejects out-of-range classes and the wrong array type', () => {
    checkPredictions(Int32Array.from([0, 2, 1]), 3, 3);
    expect(() => checkPredictions(Int32Array.from([0, 3]), 2, 3)).toThrow(
      /in \[0, 3\), found 3 at row 1/,
    );
    expect(() => checkPredictions(Float32Array.from([0, 1]) as never, 2, 3)).toThrow(
      /expected an Int32Array of 2 class indices, found a Float32Array/,
    );
  });

  it('accepts any class of a tied row, and rejects a class that is not the most probable', () => {
    const p = Float32Array.from([0.5, 0.5, 0, 0.1, 0.2, 0.7]);
    checkArgmax(Int32Array.from([1, 2]), p, 3);
    checkArgmax(Int32Array.from([0, 2]), p, 3);
    expect(() => checkArgmax(Int32Array.from([0, 1]), p, 3)).toThrow(
      /found class 1 \(p = 0\.2\d*\) at row 1 where class 2 has p = 0\.69999/,
    );
  });

  it('catches a plugin whose predict is not the argmax of predictProba', async () => {
    const classifier = await fitted(broken.offByOne({ live: 0 }));
    const predictions = await classifier.predict(test.features);
    checkPredictions(predictions, test.numSamples, 3);
    const p = await classifier.predictProba(test.features);
    expect(() => checkArgmax(predictions, p, 3)).toThrow(ConformanceError);
    expect(() => checkMinimumAccuracy(predictions, test.labels, 0.9)).toThrow(
      /at least 0\.9 on the conformance data, found 0 \(0 of 15 correct\)/,
    );
  });
});

describe('checkScore', () => {
  it('catches a score that is not the fraction of correct predictions', async () => {
    const classifier = await fitted(broken.invertedScore({ live: 0 }));
    const predictions = await classifier.predict(train.features);
    expect(() => checkScore(1, predictions, train.labels)).not.toThrow();
    expect(() =>
      checkScore(0.75, Int32Array.from([0, 1, 1, 1]), Uint8Array.from([0, 1, 0, 1])),
    ).not.toThrow();
    const score = await classifier.score(train);
    expect(() => checkScore(score, predictions, train.labels)).toThrow(
      /expected the fraction of correct predictions, 1 .*found 0/,
    );
  });
});

describe('checkHeldOutEvaluations', () => {
  it('passes the centroid plugin and catches one that drops the evaluations', async () => {
    const good = centroidPlugin().create({ shrink: 0 });
    const run = await collectFit(good.fit(train, { evaluate: { data: test, every: 1 } }));
    checkHeldOutEvaluations(run.events, test);
    const bad = broken.noEvaluation({ live: 0 }).create({ shrink: 0 });
    const { events } = await collectFit(bad.fit(train, { evaluate: { data: test, every: 1 } }));
    expect(() => checkHeldOutEvaluations(events, test)).toThrow(
      /every progress event with every = 1, found none at step 1/,
    );
  });

  it('catches predictions of the wrong length and a wrong accuracy', async () => {
    const good = centroidPlugin().create({ shrink: 0 });
    const { events } = await collectFit(good.fit(train, { evaluate: { data: test, every: 1 } }));
    const tamper = (change: object) =>
      events.map((e) =>
        e.type === 'progress' && e.evaluation
          ? { ...e, evaluation: { ...e.evaluation, ...change } }
          : e,
      );
    expect(() => checkHeldOutEvaluations(tamper({ predictions: new Int32Array(3) }), test)).toThrow(
      /Int32Array of 15 \(one per held-out sample\), found an Int32Array of length 3/,
    );
    // The first step knows one centroid, so its true accuracy is 8 of 15, never 2.
    expect(() => checkHeldOutEvaluations(tamper({ accuracy: 2 }), test)).toThrow(
      /progress step 1: expected accuracy 0\.533\d* \(8 of 15 predictions correct\), found 2/,
    );
  });
});

describe('checkPluginOptions', () => {
  it('passes a strict schema and catches one that accepts anything', () => {
    expect(checkPluginOptions(centroidPlugin(), { shrink: 0.5 }, [{ shrink: -1 }])).toEqual({
      shrink: 0.5,
    });
    expect(() => checkPluginOptions(permissivePlugin())).toThrow(
      /expected "garbage" to be rejected with a PluginOptionsError naming 'permissive', found it accepted/,
    );
    expect(() => checkPluginOptions(centroidPlugin(), { shrink: 5 })).toThrow(
      /expected \{"shrink":5\} to be accepted, found invalid options/,
    );
    expect(() => checkPluginOptions(centroidPlugin(), {}, [{ shrink: 0.5 }])).toThrow(
      /expected \{"shrink":0\.5\} to be rejected/,
    );
  });
});

describe('checkDescribedDefaults', () => {
  it('passes options that are described and default as documented, and names the first that is not', () => {
    expect(() => checkDescribedDefaults(centroidPlugin(), { shrink: 0 })).not.toThrow();
    expect(() => checkDescribedDefaults(centroidPlugin({ shrink: 0.5 }), { shrink: 0 })).toThrow(
      /expected option shrink to default to 0, found 0\.5/,
    );
    expect(() => checkDescribedDefaults(centroidPlugin(), { shrink: 0, k: 3 })).toThrow(
      /expected the options k, shrink, found shrink/,
    );
    const terse = {
      ...centroidPlugin(),
      options: z.strictObject({ shrink: z.number().default(0).describe('Pull') }),
    };
    expect(() => checkDescribedDefaults(terse, { shrink: 0 })).toThrow(
      /expected option shrink to be described in more than ten characters, found "Pull"/,
    );
  });
});

describe('checkRejects', () => {
  it('requires a rejection whose message mentions what was expected', async () => {
    const error = await checkRejects('x', () => Promise.reject(new Error('expected 8, found 9')), [
      '8',
    ]);
    expect(error.message).toBe('expected 8, found 9');
    await expect(
      checkRejects('x', () => Promise.reject(new Error('bad input')), ['NaN']),
    ).rejects.toThrow(/mention "NaN", found "bad input"/);
    await expect(
      checkRejects('x', () => {
        throw 'a string';
      }),
    ).rejects.toThrow(/expected an Error, found "a string" thrown/);
  });

  it('catches a plugin that predicts garbage input instead of rejecting it', async () => {
    const classifier = await fitted(broken.unvalidated({ live: 0 }));
    await expect(
      checkRejects(
        'predict with NaN',
        () => classifier.predict(new Float32Array(8).fill(Number.NaN)),
        ['NaN'],
      ),
    ).rejects.toThrow(
      /predict with NaN: expected a rejection, found it resolved with an Int32Array/,
    );
  });
});

describe('checkSameOutputs', () => {
  it('catches a save that loses precision', async () => {
    const plugin = broken.lossySave({ live: 0 });
    const classifier = await fitted(plugin);
    const loaded = await plugin.load(await classifier.save());
    const outputs = async (c: Classifier) => ({
      predictions: await c.predict(test.features),
      probabilities: await c.predictProba(test.features),
    });
    const original = await outputs(classifier);
    checkSameOutputs(original, await outputs(await fitted(centroidPlugin())));
    expect(() =>
      checkSameOutputs(original, { ...original, predictions: new Int32Array(3) }),
    ).toThrow(/expected 15 predictions, found 3/);
    const reloaded = await outputs(loaded);
    expect(() => checkSameOutputs(original, reloaded)).toThrow(
      /expected probability [\d.]+ at index 0 \(±0\.000001, as before saving\), found [\d.]+/,
    );
    expect(createRegistry([plugin]).get('lossy-save')).toBe(plugin);
  });
});

describe('checkAbortedFit and checkLeftEarly', () => {
  it("catches a plugin that ignores the abort signal, and accepts a one-step fit's completion", async () => {
    const classifier = broken.ignoresAbort({ live: 0 }).create({ shrink: 0 });
    const controller = new AbortController();
    const { events } = await collectFit(
      classifier.fit(train, { signal: controller.signal }),
      (e) => {
        if (e.type === 'progress') controller.abort();
      },
    );
    expect(() => checkAbortedFit(events, 3)).toThrow(
      /expected stop reason 'aborted' .* found "completed"/,
    );
    expect(checkAbortedFit(events, 1).stopReason).toBe('completed');
    const stillRunning = [
      start,
      progress(1),
      progress(2),
      progress(3),
      end({ ...result, stopReason: 'aborted' }),
    ];
    expect(() => checkAbortedFit(stillRunning, 3)).toThrow(
      /fewer than the full run's 3 progress events/,
    );
  });

  it('requires the generator to be finished after leaving the loop', () => {
    checkLeftEarly([start, progress(1)], { done: true, value: undefined as never });
    expect(() => checkLeftEarly([start, progress(1)], { done: false, value: progress(2) })).toThrow(
      /expected the fit to be finished after return\(\), found it yielding "progress"/,
    );
  });
});

describe('checkUsableAfterStop', () => {
  it('accepts a model kept after leaving a fit early, and catches one that was thrown away', async () => {
    const classifier = centroidPlugin().create({ shrink: 0 });
    for await (const event of classifier.fit(train)) if (event.type === 'progress') break;
    await checkUsableAfterStop(classifier, test, 'leaving a fit early');
    const forgetful = new Proxy(classifier, {
      get: (target, key) => (key === 'fitted' ? false : Reflect.get(target, key, target)),
    });
    await expect(checkUsableAfterStop(forgetful, test, 'an aborted fit')).rejects.toThrow(
      /expected the classifier to keep the model of the steps taken \(fitted = true\) after an aborted fit/,
    );
    classifier.dispose();
  });
});

describe('checkImageSets', () => {
  const image = (values: number[]) => ({ label: 'a', values: Float32Array.from(values) });
  const set = {
    name: 'w',
    title: 'Weights',
    scale: 'diverging' as const,
    shape: [1, 2] as const,
    images: [image([1, -1])],
  };

  it('accepts well-formed sets and catches the wrong size, scale, shape and NaN, naming them', () => {
    checkImageSets([set]);
    checkImageSets([]);
    expect(() => checkImageSets([{ ...set, images: [image([1, 2, 3])] }])).toThrow(
      /image set "w": expected image 0 \('a'\) to hold 1 × 2 float32 values, found 3/,
    );
    expect(() => checkImageSets([{ ...set, scale: 'rainbow' as 'diverging' }])).toThrow(
      /expected scale 'diverging' or 'sequential', found "rainbow"/,
    );
    expect(() => checkImageSets([{ ...set, shape: [0, 2] }])).toThrow(
      /expected shape \[height, width\]/,
    );
    expect(() => checkImageSets([{ ...set, images: [image([1, Number.NaN])] }])).toThrow(
      /expected finite values, found NaN at pixel 1 of image 0/,
    );
  });
});

describe('checkTensorCount', () => {
  it('catches a plugin that leaks a resource in predict', async () => {
    const counter: ResourceCounter = { live: 0 };
    const classifier = await fitted(broken.leaky(counter));
    const before = counter.live;
    await classifier.predict(test.features);
    expect(() => checkTensorCount(before, counter.live, 'predict')).toThrow(
      /expected 1 live tensors after predict \(as before it\), found 2 \(1 leaked\)/,
    );
    classifier.dispose();
    expect(counter.live).toBe(1);
  });
});
