import { ClassifierInputError, fitToEnd, type TrainingEvent } from '@digitlab/core';
import { collectFit } from '@digitlab/core/testing';
import { activateBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { type KnnClassifier, type KnnOptions, knn, NotFittedError } from './index.js';
import { bruteForceKnn } from './test-support/brute-force-knn.js';
import { lineDataset, randomDataset } from './test-support/datasets.js';

// The default search makes no tensors; the leak checks of brute force need a backend to count them.
await activateBackend('cpu');

const plugin = knn();
const create = (options: Partial<KnnOptions> = {}): KnnClassifier =>
  plugin.create(plugin.options.parse(options));

// x:      0  3  1  7  8   (row order matters for distance ties: row 1 comes before row 2)
// label:  0  1  0  1  2
const line = lineDataset([0, 3, 1, 7, 8], [0, 1, 0, 1, 2], 3);
const queries = Float32Array.from([2, 3, 7.6, 0.4]);

async function fitted(options: Partial<KnnOptions>): Promise<KnnClassifier> {
  const classifier = create(options);
  await fitToEnd(classifier.fit(line));
  return classifier;
}

async function outputs(options: Partial<KnnOptions>) {
  const classifier = await fitted(options);
  try {
    const proba = Array.from(await classifier.predictProba(queries));
    return {
      predictions: Array.from(await classifier.predict(queries)),
      rows: [0, 1, 2, 3].map((i) => proba.slice(i * 3, i * 3 + 3)),
    };
  } finally {
    classifier.dispose();
  }
}

describe('knn on points of a line, computed by hand', () => {
  it('k = 1 takes the nearest point; at equal distances the earlier training row', async () => {
    const { predictions, rows } = await outputs({ k: 1 });
    // q=2: x=3 (row 1) and x=1 (row 2) are both at distance 1 → row 1, label 1.
    // q=3: itself (label 1). q=7.6: x=8 (label 2). q=0.4: x=0 (label 0).
    expect(predictions).toEqual([1, 1, 2, 0]);
    expect(rows).toEqual([
      [0, 1, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('k = 3 uniform: vote fractions of the three nearest', async () => {
    const { predictions, rows } = await outputs({ k: 3 });
    // q=2: x=3,1 (d=1), x=0 (d=2) → labels 1,0,0. q=3: 3,1,0 → 1,0,0.
    // q=7.6: 8,7,3 → 2,1,1. q=0.4: 0,1,3 → 0,0,1.
    const third = 1 / 3;
    const expected = [
      [2 * third, third, 0],
      [2 * third, third, 0],
      [0, 2 * third, third],
      [2 * third, third, 0],
    ];
    rows.forEach((row, i) => {
      row.forEach((p, c) => {
        expect(p).toBeCloseTo(expected[i]?.[c] as number, 6);
      });
    });
    expect(predictions).toEqual([0, 0, 1, 0]);
  });

  it('k = 3 distance: votes of 1/distance, and an exact match wins outright', async () => {
    const { predictions, rows } = await outputs({ k: 3, weights: 'distance' });
    // q=2: 1/1 (label 1), 1/1 + 1/2 (label 0) → [1.5, 1] / 2.5.
    // q=3: x=3 is at distance 0 → only it votes → [0, 1, 0].
    // q=7.6: 1/0.4 (label 2), 1/0.6 + 1/4.6 (label 1).
    // q=0.4: 1/0.4 + 1/0.6 (label 0), 1/2.6 (label 1).
    const w76 = [0, 1 / 0.6 + 1 / 4.6, 1 / 0.4];
    const w04 = [1 / 0.4 + 1 / 0.6, 1 / 2.6, 0];
    const normalize = (w: number[]) => w.map((v) => v / w.reduce((a, b) => a + b, 0));
    const expected = [[0.6, 0.4, 0], [0, 1, 0], normalize(w76), normalize(w04)];
    rows.forEach((row, i) => {
      row.forEach((p, c) => {
        expect(p).toBeCloseTo(expected[i]?.[c] as number, 5);
      });
    });
    expect(predictions).toEqual([0, 1, 2, 0]);
  });

  it('breaks vote ties toward the smaller class index, not the nearer neighbour', async () => {
    // k = 2, q=7.6: x=8 (label 2, d=0.4) and x=7 (label 1, d=0.6) tie 1–1 → class 1.
    // q=2: x=3 (label 1) and x=1 (label 0) tie → class 0.
    const uniform = await outputs({ k: 2 });
    expect(uniform.predictions).toEqual([0, 0, 1, 0]);
    expect(uniform.rows[2]).toEqual([0, 0.5, 0.5]);
    // With distance weights the nearer one has the larger vote, so it wins: 2.5 vs 1.67.
    const distance = await outputs({ k: 2, weights: 'distance' });
    expect(distance.predictions[2]).toBe(2);
    // q=2 stays an exact tie (1/1 each) → class 0.
    expect(distance.predictions[0]).toBe(0);
  });

  it('reports neighbours nearest first with Euclidean distances', async () => {
    const classifier = await fitted({ k: 3 });
    const { indices, distances } = await classifier.kneighbors(Float32Array.from([7.6, 2]));
    expect(Array.from(indices)).toEqual([4, 3, 1, 1, 2, 0]);
    expect(Array.from(distances).map((d) => Number(d.toFixed(5)))).toEqual([
      0.4, 0.6, 4.6, 1, 1, 2,
    ]);
    classifier.dispose();
  });
});

describe('agreement with a brute-force reference on random data', () => {
  const train = randomDataset(300, 6, 4, 11);
  // Queries: fresh random points plus copies of training rows (exact matches for distance weights).
  const fresh = randomDataset(40, 6, 4, 12).features;
  const copies = train.features.slice(6 * 50, 6 * 60);
  const query = new Float32Array([...fresh, ...copies]);
  const numQueries = query.length / 6;

  it.each([
    [1, 'uniform', 7],
    [3, 'uniform', 16],
    [7, 'distance', 13],
    [3, 'distance', 256],
  ] as const)('k = %i, %s weights, batches of %i', async (k, weights, batchSize) => {
    const classifier = create({ k, weights, batchSize });
    await fitToEnd(classifier.fit(train));
    const proba = await classifier.predictProba(query);
    const predictions = await classifier.predict(query);
    const { indices, distances } = await classifier.kneighbors(query);
    classifier.dispose();
    let compared = 0;
    for (let q = 0; q < numQueries; q++) {
      const ref = bruteForceKnn(
        train.features,
        train.labels,
        6,
        4,
        query.subarray(q * 6, q * 6 + 6),
        k,
        weights,
      );
      // float32 distances cannot order neighbours closer than ~1e-6 apart the way float64 does.
      if (ref.margin < 1e-4) continue;
      compared++;
      expect(Array.from(indices.subarray(q * k, q * k + k)).sort()).toEqual(
        [...ref.neighbours].sort(),
      );
      Array.from(distances.subarray(q * k, q * k + k)).forEach((d, j) => {
        expect(d).toBeCloseTo(ref.distances[j] as number, 5);
      });
      Array.from(proba.subarray(q * 4, q * 4 + 4)).forEach((p, c) => {
        expect(p).toBeCloseTo(ref.probabilities[c] as number, 5);
      });
      expect(predictions[q]).toBe(ref.prediction);
    }
    expect(compared).toBeGreaterThan(numQueries * 0.9);
  });
});

describe('fit: indexing in steps', () => {
  it('streams one progress event per chunk of rows with the count indexed so far', async () => {
    const train = randomDataset(95, 3, 3, 5);
    const events: TrainingEvent[] = [];
    const result = await fitToEnd(create({ k: 5 }).fit(train), (e) => events.push(e));
    const progress = events.filter((e) => e.type === 'progress');
    // 95 rows in steps of max(k, ceil(95 / 10)) = 10 rows → 10 steps, the last one of 5 rows.
    expect(progress.map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress.map((e) => e.message)).toContain('indexed 90 of 95 samples');
    expect(progress.at(-1)?.message).toBe('indexed 95 of 95 samples');
    expect(events[0]).toMatchObject({ type: 'start', unit: 'step', total: 10, numSamples: 95 });
    expect(result).toMatchObject({ stopReason: 'completed', converged: true, steps: 10 });
  });

  it('makes each step hold at least k rows, so a partial index can always vote', async () => {
    const events: TrainingEvent[] = [];
    await fitToEnd(create({ k: 4 }).fit(randomDataset(12, 2, 2, 1)), (e) => events.push(e));
    expect(events.filter((e) => e.type === 'progress').map((e) => e.message)).toEqual([
      'indexed 4 of 12 samples',
      'indexed 8 of 12 samples',
      'indexed 12 of 12 samples',
    ]);
  });

  it('evaluates held-out data on the rows indexed so far', async () => {
    const train = randomDataset(60, 4, 3, 21);
    const test = randomDataset(25, 4, 3, 22, 'test');
    const { events } = await collectFit(
      create({ k: 3 }).fit(train, { evaluate: { data: test, every: 1 } }),
    );
    const evaluations = events.flatMap((e) => (e.type === 'progress' && e.evaluation ? [e] : []));
    expect(evaluations).toHaveLength(10);
    // Step s used the first 6·s rows: a classifier fitted on that prefix predicts the same.
    for (const step of [1, 4, 10]) {
      const prefix = randomDataset(60, 4, 3, 21);
      const rows = 6 * step;
      const head = {
        ...prefix,
        features: prefix.features.slice(0, rows * 4),
        labels: prefix.labels.slice(0, rows),
        numSamples: rows,
      };
      const reference = create({ k: 3 });
      await fitToEnd(reference.fit(head));
      const expected = Array.from(await reference.predict(test.features));
      reference.dispose();
      const found = evaluations.find((e) => e.type === 'progress' && e.step === step);
      expect(found?.type === 'progress' && Array.from(found.evaluation?.predictions ?? [])).toEqual(
        expected,
      );
    }
  });

  it('measures no training accuracy even when asked: each row would be its own neighbour', async () => {
    const train = randomDataset(60, 4, 3, 21);
    const test = randomDataset(25, 4, 3, 22, 'test');
    const classifier = create({ k: 3 });
    const { events, returned: result } = await collectFit(
      classifier.fit(train, { evaluate: { data: test, every: 5 }, trainAccuracy: 'evaluations' }),
    );
    expect(events[0]).toMatchObject({ type: 'start', skipsTrainAccuracy: true });
    expect(events.some((e) => e.type === 'evaluating' && e.set === 'training')).toBe(false);
    expect(events.some((e) => e.type === 'progress' && e.trainAccuracy !== undefined)).toBe(false);
    expect(result?.trainAccuracy).toBeUndefined();
    // The held-out evaluations still ran.
    expect(result?.evaluation?.step).toBe(10);
    classifier.dispose();
  });

  it('keeps the rows indexed before an abort as the model', async () => {
    const train = randomDataset(50, 3, 2, 8);
    const classifier = create({ k: 1 });
    const controller = new AbortController();
    const result = await fitToEnd(classifier.fit(train, { signal: controller.signal }), (e) => {
      if (e.type === 'progress' && e.step === 2) controller.abort();
    });
    expect(result).toMatchObject({ stopReason: 'aborted', converged: false, steps: 2 });
    expect(result.message).toBe('aborted after indexing 10 of 50 samples (2 of 10 steps)');
    // With k = 1 each indexed row predicts its own label; rows after the first 10 may not.
    const own = await classifier.predict(train.features.slice(0, 10 * 3));
    expect(Array.from(own)).toEqual(Array.from(train.labels.slice(0, 10)));
    const { indices } = await classifier.kneighbors(train.features);
    expect(Math.max(...indices)).toBeLessThan(10);
    classifier.dispose();
  });

  it('keeps the rows indexed before the consumer left the loop, and frees them with dispose', async () => {
    const before = tf.memory().numTensors;
    const train = randomDataset(50, 3, 2, 8);
    const classifier = create({ k: 1, algorithm: 'brute' });
    for await (const event of classifier.fit(train)) {
      if (event.type === 'progress' && event.step === 3) break;
    }
    // 15 rows indexed: with k = 1, row 14 finds itself and no query finds a later row.
    const { indices } = await classifier.kneighbors(train.features);
    expect(Math.max(...indices)).toBe(14);
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('copies no rows for steps nobody queries: they hold their blocks, the last step the index', async () => {
    const before = tf.memory().numTensors;
    const classifier = create({ k: 1, algorithm: 'brute' });
    const live: number[] = [];
    await fitToEnd(classifier.fit(randomDataset(40, 2, 2, 3)), (e) => {
      if (e.type === 'progress') live.push(tf.memory().numTensors - before);
    });
    // Two tensors (transposed features, squared norms) per block, then two for the whole index.
    expect(live).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 2]);
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects k larger than the training set, naming both numbers', async () => {
    const classifier = create({ k: 6 });
    await expect(fitToEnd(classifier.fit(line))).rejects.toThrow(ClassifierInputError);
    await expect(fitToEnd(classifier.fit(line))).rejects.toThrow(
      /expected k ≤ the number of training samples, found k = 6 with 5 samples in training data 'line' train/,
    );
    expect(classifier.fitted).toBe(false);
  });

  it('refits from scratch, replacing the previous training set', async () => {
    const classifier = await fitted({ k: 1 });
    await fitToEnd(classifier.fit(lineDataset([100, 200], [2, 0], 3)));
    expect(Array.from(await classifier.predict(Float32Array.from([0, 190])))).toEqual([2, 0]);
    classifier.dispose();
  });
});

describe('misuse', () => {
  it('refuses to predict before fit and after dispose', async () => {
    const classifier = create();
    await expect(classifier.predict(new Float32Array(1))).rejects.toThrow(NotFittedError);
    await expect(classifier.save()).rejects.toThrow(/save: expected a fitted 'knn' classifier/);
    const done = await fitted({ k: 1 });
    done.dispose();
    await expect(done.predictProba(queries)).rejects.toThrow(
      /predictProba: expected a live classifier, found one that was disposed/,
    );
  });

  it('frees the tensors of a fit that is disposed while paused', async () => {
    const before = tf.memory().numTensors;
    const classifier = create({ k: 1, algorithm: 'brute' });
    const fit = classifier.fit(randomDataset(40, 2, 2, 3));
    await fit.next(); // start
    await fit.next(); // first step: one block of tensors exists
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    classifier.dispose();
    // The driver closes the paused fit's steps (their finally frees the blocks) without a resume.
    await new Promise((resolve) => setImmediate(resolve));
    expect(tf.memory().numTensors).toBe(before);
    const rest = [];
    for (let next = await fit.next(); !next.done; next = await fit.next()) rest.push(next.value);
    expect(rest.map((e) => e.type)).toEqual(['end']);
    expect(rest[0]?.type === 'end' && rest[0].result.stopReason).toBe('aborted');
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['a partial index (mid-fit)', 1],
    ['the adopted index (last step)', 40],
  ])(
    'ends as aborted, leaking nothing, when disposed during a held-out evaluation of %s',
    async (_, every) => {
      const before = tf.memory().numTensors;
      const classifier = create({ k: 1, batchSize: 2, algorithm: 'brute' });
      const test = randomDataset(10, 2, 2, 4);
      // The evaluator validates the features once when the fit starts; the next read is the
      // evaluation itself, which is where the classifier gets disposed.
      let reads = 0;
      const disposing = Object.defineProperty({ ...test }, 'features', {
        get() {
          reads++;
          if (reads === 2) classifier.dispose();
          return test.features;
        },
      });
      const result = await fitToEnd(
        classifier.fit(randomDataset(40, 2, 2, 3), { evaluate: { data: disposing, every } }),
      );
      expect(reads).toBeGreaterThanOrEqual(2);
      expect(result.stopReason).toBe('aborted');
      expect(result.evaluation).toBeUndefined();
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});
