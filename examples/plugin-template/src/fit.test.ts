import {
  ClassifierInputError,
  type FitResult,
  fitToEnd,
  NotFittedError,
  type ProgressEvent,
  type TrainingEvent,
} from '@digitlab/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODEL_FILE } from './model-file.js';
import type { NearestCentroidOptions } from './options.js';
import { nearestCentroid } from './plugin.js';
import { METRICS_DISAGREE, points, rowsOf, UNEQUAL } from './test-support/points.js';

const plugin = nearestCentroid();
const create = (options: Partial<NearestCentroidOptions> = {}) =>
  plugin.create(plugin.options.parse(options));

/** Held-out points: one near each final centroid. */
const HELD_OUT = points(
  [
    [1, 1, 0],
    [5, 4, 1],
  ],
  { split: 'test' },
);

/** The centroids and counts a classifier would save, read back from its model file. */
async function savedCentroids(classifier: ReturnType<typeof create>) {
  const artifact = await classifier.save();
  const json = JSON.parse(new TextDecoder().decode(artifact.files[MODEL_FILE])) as {
    centroids: number[][];
    counts: number[];
  };
  return { centroids: json.centroids, counts: json.counts, metadata: artifact.metadata };
}

describe('fitting by hand-computed centroids', () => {
  it('predicts the nearest centroid and softmax(-distance) probabilities', async () => {
    const classifier = create();
    await fitToEnd(classifier.fit(UNEQUAL));
    // Centroids (1,1) and (5,4); from (1,1) the distances are 0 and 5.
    const p = await classifier.predictProba(rowsOf([1, 1]));
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-5)), 6);
    expect(p[1]).toBeCloseTo(Math.exp(-5) / (1 + Math.exp(-5)), 6);
    // (3.2,2.6) is nearer (5,4): squared distances 2.2² + 1.6² = 7.4 and 1.8² + 1.4² = 5.2.
    // (3,2.5) is 2.5 from both: an exact tie goes to the lower class.
    const rows = rowsOf([1, 1], [3.2, 2.6], [6, 6], [3, 2.5]);
    expect(Array.from(await classifier.predict(rows))).toEqual([0, 1, 1, 0]);
    expect((await savedCentroids(classifier)).centroids).toEqual([
      [1, 1],
      [5, 4],
    ]);
  });

  it('uses the metric option: (3,3) is class 0 in L2 and class 1 in L1', async () => {
    const euclidean = create({ metric: 'euclidean' });
    const manhattan = create({ metric: 'manhattan' });
    await fitToEnd(euclidean.fit(METRICS_DISAGREE));
    await fitToEnd(manhattan.fit(METRICS_DISAGREE));
    expect(Array.from(await euclidean.predict(rowsOf([3, 3])))).toEqual([0]);
    expect(Array.from(await manhattan.predict(rowsOf([3, 3])))).toEqual([1]);
    // L1 distances 6 and 5: probabilities 1/(1+e) and e/(1+e).
    const p = await manhattan.predictProba(rowsOf([3, 3]));
    expect(p[1]).toBeCloseTo(Math.E / (1 + Math.E), 6);
  });

  it('uses shrinkage and temperature: centroids (1.8,1.6) and (3.8,3.1) at 0.5', async () => {
    const classifier = create({ shrinkage: 0.5, temperature: 2.5 });
    await fitToEnd(classifier.fit(UNEQUAL));
    const { centroids } = await savedCentroids(classifier);
    [1.8, 1.6, 3.8, 3.1].forEach((v, i) => {
      expect(centroids.flat()[i]).toBeCloseTo(v, 12);
    });
    // From (1.8,1.6) the distances are 0 and 2.5; temperature 2.5 makes that a logit gap of 1.
    const p = await classifier.predictProba(rowsOf([1.8, 1.6]));
    expect(p[1]).toBeCloseTo(Math.exp(-1) / (1 + Math.exp(-1)), 6);
  });

  it('never predicts a class without training samples, and says so', async () => {
    const classifier = create();
    const data = points(
      [
        [0, 0, 0],
        [4, 4, 1],
      ],
      { numClasses: 3 },
    );
    const result = await fitToEnd(classifier.fit(data));
    expect(result.message).toContain("no samples of class '2'");
    const p = await classifier.predictProba(rowsOf([100, 100]));
    expect(p[2]).toBe(0);
    expect(Array.from(await classifier.predict(rowsOf([100, 100])))).toEqual([1]);
  });

  it('records the training data in the metadata', async () => {
    const classifier = create({ metric: 'manhattan' });
    await fitToEnd(classifier.fit(UNEQUAL));
    const { metadata, counts } = await savedCentroids(classifier);
    expect(counts).toEqual([3, 2]);
    expect(metadata).toMatchObject({
      numFeatures: 2,
      numClasses: 2,
      classNames: ['0', '1'],
      imageShape: [2],
      preprocessing: [{ kind: 'scale', factor: 0.5 }],
      dataset: 'points',
      training: { metric: 'manhattan', numSamples: 5, split: 'train' },
    });
  });
});

describe('inspect', () => {
  it('shows each centroid as an image when the samples are images, and nothing otherwise', async () => {
    const classifier = create();
    await fitToEnd(classifier.fit(UNEQUAL));
    expect(await classifier.inspect()).toEqual([]);
    await fitToEnd(classifier.fit({ ...UNEQUAL, imageShape: [1, 2] }));
    const [set] = await classifier.inspect();
    expect(set).toMatchObject({ name: 'centroids', scale: 'sequential', shape: [1, 2] });
    expect(set?.images.map((image) => [image.label, Array.from(image.values)])).toEqual([
      ['0', [1, 1]],
      ['1', [5, 4]],
    ]);
  });
});

describe('the event stream', () => {
  it('reports one step per chunk of rows, with the partial model evaluated at each', async () => {
    const classifier = create();
    const events: TrainingEvent[] = [];
    const result = await fitToEnd(
      classifier.fit(UNEQUAL, { evaluate: { data: HELD_OUT, every: 1 } }),
      (e) => events.push(e),
    );
    expect(events[0]).toMatchObject({ type: 'start', unit: 'step', total: 5, numSamples: 5 });
    const progress = events.filter((e): e is ProgressEvent => e.type === 'progress');
    expect(progress.map((e) => e.step)).toEqual([1, 2, 3, 4, 5]);
    expect(progress.map((e) => e.message)).toContain('averaged 3 of 5 samples');
    // After step 1 only (0,0) of class 0 is in: class 1 has no centroid yet, so half are wrong.
    expect(Array.from(progress[0]?.evaluation?.predictions ?? [])).toEqual([0, 0]);
    expect(progress.map((e) => e.evaluation?.accuracy)).toEqual([0.5, 1, 1, 1, 1]);
    expect(result).toMatchObject({ stopReason: 'completed', converged: true, steps: 5 });
    expect(result.evaluation?.step).toBe(5);
  });

  it('evaluates every `every` steps and at the final one', async () => {
    const classifier = create();
    const events: TrainingEvent[] = [];
    await fitToEnd(classifier.fit(UNEQUAL, { evaluate: { data: HELD_OUT, every: 2 } }), (e) =>
      events.push(e),
    );
    const evaluated = events.flatMap((e) =>
      e.type === 'progress' && e.evaluation ? [e.step] : [],
    );
    expect(evaluated).toEqual([2, 4, 5]);
  });

  it('splits larger data into FIT_STEPS steps', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => [i, i % 3, i % 2] as const);
    const events: TrainingEvent[] = [];
    await fitToEnd(create().fit(points(rows)), (e) => events.push(e));
    // ceil(23 / 10) = 3 rows per step, so 8 steps.
    expect(events[0]).toMatchObject({ type: 'start', total: 8 });
    expect(events.filter((e) => e.type === 'progress')).toHaveLength(8);
  });

  it('does not advance while the consumer does not pull (pause by backpressure)', async () => {
    const classifier = create();
    const fit = classifier.fit(UNEQUAL);
    await fit.next(); // start
    await fit.next(); // step 1: only (0,0) of class 0
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect((await savedCentroids(classifier)).counts).toEqual([1, 0]);
    await fitToEnd(fit);
    expect((await savedCentroids(classifier)).counts).toEqual([3, 2]);
  });
});

describe('stopping early', () => {
  it("ends with 'aborted' at the next step, keeping and evaluating the rows seen", async () => {
    const classifier = create();
    const controller = new AbortController();
    const result = await fitToEnd(
      classifier.fit(UNEQUAL, {
        signal: controller.signal,
        evaluate: { data: HELD_OUT, every: 100 },
      }),
      (e) => {
        if (e.type === 'progress' && e.step === 2) controller.abort();
      },
    );
    expect(result).toMatchObject({ stopReason: 'aborted', converged: false, steps: 2 });
    expect(result.message).toContain('2 of 5 samples');
    // Rows (0,0) and (4,4) only, and the end result evaluates exactly that partial model.
    expect((await savedCentroids(classifier)).centroids).toEqual([
      [0, 0],
      [4, 4],
    ]);
    expect(result.evaluation?.step).toBe(2);
    expect(classifier.fitted).toBe(true);
  });

  it('stops when the consumer leaves the loop, and can fit again afterwards', async () => {
    const classifier = create();
    const fit = classifier.fit(UNEQUAL);
    for await (const event of fit) if (event.type === 'progress' && event.step === 3) break;
    expect(await fit.next()).toEqual({ done: true, value: undefined });
    // Rows (0,0), (4,4), (2,0): class 0 at (1,0).
    expect((await savedCentroids(classifier)).centroids).toEqual([
      [1, 0],
      [4, 4],
    ]);
    await fitToEnd(classifier.fit(UNEQUAL));
    expect((await savedCentroids(classifier)).centroids).toEqual([
      [1, 1],
      [5, 4],
    ]);
  });

  it('keeps the previous model when a fit is aborted before its first step', async () => {
    const classifier = create();
    await fitToEnd(classifier.fit(METRICS_DISAGREE));
    const result = await fitToEnd(classifier.fit(UNEQUAL, { signal: AbortSignal.abort() }));
    expect(result).toMatchObject({ stopReason: 'aborted', steps: 0 });
    expect((await savedCentroids(classifier)).centroids).toEqual([
      [0, 0],
      [8, 3],
    ]);
  });

  it('ends a running fit when disposed, and is unusable afterwards', async () => {
    const classifier = create();
    const fit = classifier.fit(UNEQUAL);
    await fit.next();
    await fit.next();
    classifier.dispose();
    const events: TrainingEvent[] = [];
    const result = await fitToEnd(fit, (e) => events.push(e));
    expect(result.stopReason).toBe('aborted');
    expect(events.filter((e) => e.type === 'progress')).toHaveLength(0);
    await expect(classifier.predict(rowsOf([0, 0]))).rejects.toThrow(/disposed/);
    expect(classifier.fitted).toBe(false);
  });
});

describe('errors', () => {
  it('refuses to predict, score or save before it has centroids', async () => {
    const classifier = create();
    await expect(classifier.predict(rowsOf([0, 0]))).rejects.toBeInstanceOf(NotFittedError);
    await expect(classifier.score(UNEQUAL)).rejects.toThrow(/score: expected a fitted/);
    await expect(classifier.save()).rejects.toThrow(/call fit\(\) or load a saved model/);
  });

  it('refuses a second fit while the first is running', async () => {
    const classifier = create();
    const first = classifier.fit(UNEQUAL);
    await first.next();
    await expect(classifier.fit(UNEQUAL).next()).rejects.toThrow(/still running/);
    await first.return(undefined as unknown as FitResult);
    await expect(fitToEnd(classifier.fit(UNEQUAL))).resolves.toMatchObject({
      stopReason: 'completed',
    });
  });

  it('rejects training labels outside [0, numClasses) before any work', async () => {
    const bad = { ...UNEQUAL, labels: Uint8Array.from([0, 1, 0, 7, 0]) };
    const fit = create().fit(bad);
    await expect(fit.next()).rejects.toThrow(ClassifierInputError);
    await expect(create().fit(bad).next()).rejects.toThrow(
      /expected labels in \[0, 2\), found 7 at sample 3/,
    );
  });

  it('rejects held-out data with a different number of features', async () => {
    const other = { ...HELD_OUT, numFeatures: 3, features: new Float32Array(6) };
    await expect(
      create()
        .fit(UNEQUAL, { evaluate: { data: other, every: 1 } })
        .next(),
    ).rejects.toThrow(/expected 2 features per sample/);
  });

  it('scores only data with its number of features', async () => {
    const classifier = create();
    await fitToEnd(classifier.fit(UNEQUAL));
    expect(await classifier.score(HELD_OUT)).toBe(1);
    const other = { ...HELD_OUT, numFeatures: 1, features: new Float32Array(2) };
    await expect(classifier.score(other)).rejects.toThrow(
      /expected 2 features per sample, found 1/,
    );
  });
});

describe('fit time', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('does not count the time the consumer spends between pulls', async () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const events: TrainingEvent[] = [];
    // The fake clock only moves while the generator is suspended at a yield.
    const result = await fitToEnd(create().fit(UNEQUAL), (e) => {
      events.push(e);
      now += 1000;
    });
    const elapsed = events.flatMap((e) => (e.type === 'progress' ? [e.elapsedMs] : []));
    expect(elapsed).toEqual([0, 0, 0, 0, 0]);
    expect(result.fitSeconds).toBe(0);
  });
});
