import {
  ClassifierInputError,
  type FitResult,
  fitToEnd,
  type ProgressEvent,
  type StartEvent,
  type TrainingEvent,
} from '@digitlab/core';
import { gaussianBlobs, maxAbsDifference, seededRandom } from '@digitlab/core/testing';
import type { Dataset } from '@digitlab/datasets';
import { minimizeLbfgs } from '@digitlab/optimizers';
import { useBrowserBackend } from '@digitlab/tfjs-backend/browser';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
// The package's own entry: NotFittedError is core's, re-exported for `import … from` this package.
import { NotFittedError, PREDICT_CHUNK_ROWS } from './index.js';
import { encodeLayersModel } from './layers-model.js';
import type { SoftmaxRegressionOptions } from './options.js';
import { PLUGIN_NAME, type SoftmaxRegressionClassifier, softmaxRegression } from './plugin.js';
import { referenceObjective } from './test-support/reference-objective.js';

beforeAll(async () => {
  await useBrowserBackend('cpu');
});

const train = gaussianBlobs({ perClass: 30, numClasses: 3, numFeatures: 5, seed: 1 });
const test = gaussianBlobs({ perClass: 20, numClasses: 3, numFeatures: 5, seed: 2, split: 'test' });

// On the cpu backend `auto` holds the data in compressed rows; tests about freeing tensors ask for
// `dense`, so that training creates tensors to free.
function create(options: Partial<SoftmaxRegressionOptions> = {}): SoftmaxRegressionClassifier {
  const plugin = softmaxRegression();
  return plugin.create(plugin.options.parse({ backend: 'cpu', ...options }));
}

async function collect(events: AsyncIterable<TrainingEvent>): Promise<TrainingEvent[]> {
  const out: TrainingEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const progressOf = (events: TrainingEvent[]) =>
  events.filter((e): e is ProgressEvent => e.type === 'progress');

function accuracyOf(predictions: Int32Array, labels: Uint8Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}

describe('inspect', () => {
  it('shows each class’s coefficient row as an image on a diverging scale', async () => {
    const classifier = create({ maxIter: 20 });
    // Five features as a 1 × 5 image.
    await fitToEnd(classifier.fit({ ...train, imageShape: [1, 5] }));
    const [set, ...rest] = await classifier.inspect();
    expect(rest).toEqual([]);
    expect(set).toMatchObject({ name: 'coefficients', scale: 'diverging', shape: [1, 5] });
    const coefficients = classifier.coefficients();
    expect(set?.images.map((image) => image.label)).toEqual(train.classNames);
    set?.images.forEach((image, c) => {
      expect(Array.from(image.values)).toEqual(Array.from(coefficients.subarray(c * 5, c * 5 + 5)));
    });
    // Flat features are no image: nothing to show.
    await fitToEnd(classifier.fit(train));
    expect(await classifier.inspect()).toEqual([]);
    classifier.dispose();
  });

  it('ends an abort between steps with the solver’s own account, as the solvers watch the signal', async () => {
    const classifier = create({ maxIter: 50, tol: 1e-12 });
    const controller = new AbortController();
    const result = await fitToEnd(classifier.fit(train, { signal: controller.signal }), (e) => {
      if (e.type === 'progress' && e.step === 3) controller.abort();
    });
    expect(result).toMatchObject({ stopReason: 'aborted', steps: 3 });
    expect(result.message).toMatch(
      /^aborted by the AbortSignal after 3 iterations \(\d+ evaluations\)/,
    );
    classifier.dispose();
  });
});

describe('fit with lbfgs', () => {
  it('reaches the optimum of the float64 reference objective', async () => {
    // float32 tensors resolve the objective to about 1e-7, which limits the reachable tol to ~1e-5.
    const C = 0.5;
    const { numFeatures: d, numClasses: k } = train;
    const reference = await minimizeLbfgs(
      (x) => referenceObjective(train.features, train.labels, d, k, C, x),
      new Float64Array(d * k + k),
      { gtol: 1e-9, maxIter: 1000 },
    );
    const classifier = create({ C, tol: 1e-5, maxIter: 1000 });
    const result = await fitToEnd(classifier.fit(train));
    expect(result.converged).toBe(true);
    const saved = reference.x;
    const coefficients = classifier.coefficients();
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        expect(
          Math.abs((coefficients[c * d + j] as number) - (saved[j * k + c] as number)),
        ).toBeLessThan(1e-3);
      }
    }
    expect(maxAbsDifference(classifier.intercepts(), saved.subarray(d * k))).toBeLessThan(1e-3);
    expect(Math.abs((result.objective as number) - reference.value)).toBeLessThan(1e-7);
  });

  it('streams start, one progress per iteration with held-out evaluations, then end', async () => {
    const classifier = create({ maxIter: 200 });
    const before = tf.memory().numTensors;
    const events = await collect(classifier.fit(train, { evaluate: { data: test, every: 3 } }));
    expect(tf.memory().numTensors).toBe(before);
    const start = events[0] as StartEvent;
    expect(start).toMatchObject({
      type: 'start',
      unit: 'iteration',
      total: 200,
      numSamples: 90,
      numFeatures: 5,
      numClasses: 3,
    });
    expect(start.description).toMatch(
      /lbfgs \(C=1, maxIter=200, tol=1e-4, m=10\) on compressed rows \(100% nonzero\) in the WebAssembly SIMD kernel/,
    );
    const progress = progressOf(events);
    const end = events.at(-1);
    expect(end?.type).toBe('end');
    expect(events).toHaveLength(progress.length + 2);
    const result = (end as { result: FitResult }).result;
    expect(result).toMatchObject({ stopReason: 'gtol', converged: true, steps: progress.length });
    expect(result.warning).toBeUndefined();
    progress.forEach((p, i) => {
      expect(p.step).toBe(i + 1);
      expect(p.unit).toBe('iteration');
      expect(p.gradientNorm).toBeGreaterThan(0);
      expect(p.stepSize).toBeGreaterThan(0);
      expect(p.trainAccuracy).toBeGreaterThan(0);
      if (i > 0) {
        const previous = progress[i - 1] as ProgressEvent;
        expect(p.objective).toBeLessThanOrEqual(previous.objective as number);
        expect(p.elapsedMs).toBeGreaterThanOrEqual(previous.elapsedMs);
        expect(p.evaluations).toBeGreaterThan(previous.evaluations as number);
      }
      const final = i === progress.length - 1;
      expect(p.evaluation !== undefined).toBe(p.step % 3 === 0 || final);
    });
    const last = progress.at(-1) as ProgressEvent;
    expect(last.gradientNorm).toBeLessThanOrEqual(1e-4);
    expect(result.objective).toBe(last.objective);
    expect(result.evaluations).toBe(last.evaluations);
    expect(result.evaluation).toBe(last.evaluation);
    // The reported accuracies are those of the parameters the classifier ends with.
    expect(last.trainAccuracy).toBeCloseTo(await classifier.score(train), 12);
    expect(last.evaluation?.accuracy).toBeCloseTo(await classifier.score(test), 12);
    // The fit clock only runs on after the last progress event (held-out time is never counted).
    expect(result.fitSeconds * 1000).toBeGreaterThanOrEqual(last.elapsedMs);
  });

  it('warns like scikit-learn when it stops at maxIter', async () => {
    const classifier = create({ maxIter: 3 });
    const events = await collect(classifier.fit(train, { evaluate: { data: test, every: 100 } }));
    const result = (events.at(-1) as { result: FitResult }).result;
    expect(result).toMatchObject({ stopReason: 'max-iter', converged: false, steps: 3 });
    expect(result.warning).toMatch(
      /lbfgs failed to converge after 3 iterations \(max \|g_i\| = .* > tol 1e-4\): increase the number of iterations \(maxIter\) or scale the data/,
    );
    // The last iteration is known to be final before it is reported, so it carries the evaluation.
    expect(progressOf(events).at(-1)?.evaluation?.step).toBe(3);
  });

  it('reports training accuracy only every trainAccuracyEvery steps', async () => {
    const events = progressOf(
      await collect(create({ maxIter: 7, trainAccuracyEvery: 3 }).fit(train)),
    );
    expect(events.map((e) => e.trainAccuracy !== undefined)).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
      true,
    ]);
    const none = progressOf(
      await collect(create({ maxIter: 3, trainAccuracyEvery: 0 }).fit(train)),
    );
    expect(none.every((e) => e.trainAccuracy === undefined)).toBe(true);
  });
});

/**
 * The live tensors now and when `note()` is called midway through a fit, to check that the fit held
 * its training data as tensors then and has freed every one by the end.
 */
function watchTensors() {
  const before = tf.memory().numTensors;
  let during = before;
  return {
    note() {
      during = tf.memory().numTensors;
    },
    expectHeldThenFreed() {
      expect(during).toBeGreaterThan(before);
      expect(tf.memory().numTensors).toBe(before);
    },
  };
}

describe('stopping a fit', () => {
  it('ends with stop reason aborted when the signal fires, and frees the training tensors', async () => {
    const classifier = create({ maxIter: 100, layout: 'dense' });
    const controller = new AbortController();
    const tensors = watchTensors();
    const events: TrainingEvent[] = [];
    for await (const event of classifier.fit(train, { signal: controller.signal })) {
      events.push(event);
      if (event.type === 'progress' && event.step === 2) {
        tensors.note();
        controller.abort();
      }
    }
    tensors.expectHeldThenFreed();
    expect(progressOf(events).map((e) => e.step)).toEqual([1, 2]);
    const result = (events.at(-1) as { result: FitResult }).result;
    expect(result).toMatchObject({ stopReason: 'aborted', converged: false, steps: 2 });
    expect(classifier.fitted).toBe(true);
  });

  it('stops the optimizer and frees the tensors when the consumer leaves the loop', async () => {
    const classifier = create({ maxIter: 100, layout: 'dense' });
    const tensors = watchTensors();
    let last: ProgressEvent | undefined;
    for await (const event of classifier.fit(train)) {
      if (event.type === 'progress') {
        last = event;
        tensors.note();
        if (event.step === 2) break;
      }
    }
    tensors.expectHeldThenFreed();
    expect(last?.trainAccuracy).toBeCloseTo(await classifier.score(train), 12);
    // It can fit again: nothing was left half-running.
    const result = await fitToEnd(classifier.fit(train));
    expect(result.converged).toBe(true);
  });

  it('frees the tensors when the fit fails midway', async () => {
    const classifier = create({ layout: 'dense' });
    // Held-out labels that become unreadable after the second iteration: the evaluation of the
    // third fails while the training tensors are alive.
    let broken = false;
    const failing: Dataset = Object.defineProperty({ ...test }, 'labels', {
      get: () => {
        if (broken) throw new Error('held-out labels went away');
        return test.labels;
      },
    });
    const tensors = watchTensors();
    await expect(
      fitToEnd(classifier.fit(train, { evaluate: { data: failing, every: 1 } }), (event) => {
        if (event.type === 'progress' && event.step === 2) {
          tensors.note();
          broken = true;
        }
      }),
    ).rejects.toThrow('held-out labels went away');
    tensors.expectHeldThenFreed();
    await expect(fitToEnd(classifier.fit(train))).resolves.toMatchObject({ converged: true });
  });

  it('is aborted by dispose() and unusable afterwards', async () => {
    const classifier = create({ layout: 'dense' });
    const tensors = watchTensors();
    const events: TrainingEvent[] = [];
    for await (const event of classifier.fit(train)) {
      events.push(event);
      if (event.type === 'progress' && event.step === 1) {
        tensors.note();
        classifier.dispose();
      }
    }
    tensors.expectHeldThenFreed();
    expect((events.at(-1) as { result: FitResult }).result.stopReason).toBe('aborted');
    await expect(classifier.predict(test.features)).rejects.toThrow(/disposed/);
  });
});

describe('fit with sgd and adam', () => {
  it.each([
    ['sgd', 'cosine', 0.5],
    ['adam', 'cosine', 0.05],
    ['adam', 'linear', 0.05],
  ] as const)(
    '%s by default starts at its own learning rate and follows the %s schedule down every step',
    async (solver, schedule, lr0) => {
      // 90 samples in batches of 20: 5 steps per epoch, 3 epochs, 15 steps in all. Each epoch reports
      // the rate of its last step t = 5e − 1 (0-based): lr0 · (1 + cos(π t / 15)) / 2 for cosine,
      // lr0 · (1 − t / 15) for linear.
      const classifier = create({ solver, schedule, batchSize: 20, epochs: 3 });
      const events = await collect(classifier.fit(train));
      expect((events[0] as StartEvent).description).toContain(
        `${solver} (C=1, learningRate=${lr0}, schedule=${schedule}, batchSize=20, epochs=3`,
      );
      const share = [1, 2, 3].map((e) => (5 * e - 1) / 15);
      const expected = share.map((s) =>
        schedule === 'cosine' ? (lr0 * (1 + Math.cos(Math.PI * s))) / 2 : lr0 * (1 - s),
      );
      const rates = progressOf(events).map((p) => p.learningRate as number);
      expect(rates).toHaveLength(3);
      for (const [i, rate] of rates.entries()) expect(rate).toBeCloseTo(expected[i]!, 14);
      // A rate given by the user replaces the solver's own.
      const given = create({ solver, schedule, batchSize: 20, epochs: 3, learningRate: 0.02 });
      const first = progressOf(await collect(given.fit(train)))[0]!.learningRate as number;
      expect(first / 0.02).toBeCloseTo(expected[0]! / lr0, 14);
    },
  );

  for (const solver of ['sgd', 'adam'] as const) {
    it(`${solver}: one progress event per epoch, deterministic for a seed, close to lbfgs`, async () => {
      const options = {
        solver,
        epochs: 15,
        batchSize: 16,
        learningRate: 0.05,
        schedule: 'constant',
        seed: 3,
      } as const;
      // Dense, so the tensor count below has training tensors to miss.
      const dense = { ...options, layout: 'dense' } as const;
      const before = tf.memory().numTensors;
      const a = create(dense);
      const events = await collect(a.fit(train, { evaluate: { data: test, every: 5 } }));
      expect(tf.memory().numTensors).toBe(before);
      expect(events[0]).toMatchObject({ type: 'start', unit: 'epoch', total: 15 });
      expect((events[0] as StartEvent).description).toContain(
        `${solver} (C=1, learningRate=0.05, schedule=constant, batchSize=16, epochs=15`,
      );
      const progress = progressOf(events);
      expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
      expect(progress.every((p) => p.learningRate === 0.05 && p.trainAccuracy !== undefined)).toBe(
        true,
      );
      expect(progress.filter((p) => p.evaluation).map((p) => p.step)).toEqual([5, 10, 15]);
      const result = (events.at(-1) as { result: FitResult }).result;
      expect(result.stopReason).toBe('epochs');
      expect(result.steps).toBe(15);
      // The end objective is the exact full objective at the final parameters.
      const x = new Float64Array(5 * 3 + 3);
      const coefficients = a.coefficients();
      for (let c = 0; c < 3; c++)
        for (let j = 0; j < 5; j++) x[j * 3 + c] = coefficients[c * 5 + j] as number;
      x.set(a.intercepts(), 15);
      const exact = referenceObjective(train.features, train.labels, 5, 3, 1, x).value;
      expect(result.objective).toBeCloseTo(exact, 5);
      if (!result.converged)
        expect(result.warning).toMatch(new RegExp(`${solver} did not converge in 15 epochs`));

      const b = create(dense);
      await fitToEnd(b.fit(train));
      expect(Array.from(b.coefficients())).toEqual(Array.from(a.coefficients()));
      // The compressed-row kernel takes the same steps, to float32 rounding.
      const sparse = create({ ...options, layout: 'sparse' });
      await fitToEnd(sparse.fit(train));
      expect(maxAbsDifference(sparse.coefficients(), a.coefficients())).toBeLessThan(1e-4);
      const c = create({ ...dense, seed: 4 });
      await fitToEnd(c.fit(train));
      expect(maxAbsDifference(c.coefficients(), a.coefficients())).toBeGreaterThan(0);

      const lbfgs = create();
      const best = await fitToEnd(lbfgs.fit(train));
      expect(result.objective).toBeLessThan((best.objective as number) + 0.05);
      expect(await a.score(test)).toBeGreaterThan((await lbfgs.score(test)) - 0.1);
    });
  }
});

describe('warm start', () => {
  it('continues from the current parameters, while a cold fit starts again from zeros', async () => {
    const warm = create({ maxIter: 5, warmStart: true });
    const first = progressOf(await collect(warm.fit(train)));
    const second = progressOf(await collect(warm.fit(train)));
    expect(second[0]?.objective).toBeLessThan(first.at(-1)?.objective as number);

    const cold = create({ maxIter: 5 });
    const coldFirst = progressOf(await collect(cold.fit(train)));
    const coldSecond = progressOf(await collect(cold.fit(train)));
    expect(coldSecond[0]?.objective).toBe(coldFirst[0]?.objective);
  });

  it('starts from a `warmStartFrom` classifier fitted with another C, and ends at the same optimum', async () => {
    const previous = create({ C: 0.1 });
    await fitToEnd(previous.fit(train));
    const warm = create({ C: 1 });
    const cold = create({ C: 1 });
    expect(warm.warmStarts).toBe(true);
    const warmEvents = progressOf(await collect(warm.fit(train, { warmStartFrom: previous })));
    const coldEvents = progressOf(await collect(cold.fit(train)));
    expect(warmEvents[0]?.objective).toBeLessThan(coldEvents[0]?.objective as number);
    expect(warmEvents.length).toBeLessThan(coldEvents.length);
    expect(maxAbsDifference(warm.coefficients(), cold.coefficients())).toBeLessThan(2e-3);
  });

  it('refuses data whose shape does not match the current parameters', async () => {
    const warm = create({ maxIter: 3, warmStart: true });
    await fitToEnd(warm.fit(train));
    const other = gaussianBlobs({ perClass: 5, numClasses: 4, numFeatures: 5 });
    await expect(fitToEnd(warm.fit(other))).rejects.toThrow(
      /warmStart: expected training data with 5 features and 3 classes .*found 5 features and 4 classes/,
    );
  });
});

describe('prediction', () => {
  it('matches softmax(XW + b) computed by hand, over more rows than one chunk', async () => {
    const random = seededRandom(9);
    const weights = {
      numFeatures: 2,
      numClasses: 3,
      kernel: Float32Array.from({ length: 6 }, () => random() * 2 - 1),
      bias: Float32Array.from({ length: 3 }, () => random() - 0.5),
    };
    const metadata = {
      numFeatures: 2,
      numClasses: 3,
      classNames: ['a', 'b', 'c'],
      imageShape: [2],
      preprocessing: [],
    };
    const plugin = softmaxRegression({ backend: 'cpu' });
    const files = encodeLayersModel(weights, metadata);
    const classifier = await plugin.load({ plugin: PLUGIN_NAME, metadata, files });
    const rows = PREDICT_CHUNK_ROWS * 2 + 123;
    const features = Float32Array.from({ length: rows * 2 }, () => random() * 6 - 3);
    const before = tf.memory().numTensors;
    const probabilities = await classifier.predictProba(features);
    const predictions = await classifier.predict(features);
    expect(tf.memory().numTensors).toBe(before);
    expect(probabilities).toHaveLength(rows * 3);
    expect(predictions).toHaveLength(rows);
    let worst = 0;
    for (let i = 0; i < rows; i++) {
      const logits = [0, 1, 2].map(
        (c) =>
          (weights.bias[c] as number) +
          (features[i * 2] as number) * (weights.kernel[c] as number) +
          (features[i * 2 + 1] as number) * (weights.kernel[3 + c] as number),
      );
      const max = Math.max(...logits);
      const exps = logits.map((z) => Math.exp(z - max));
      const total = exps.reduce((a, b) => a + b, 0);
      exps.forEach((e, c) => {
        worst = Math.max(worst, Math.abs(e / total - (probabilities[i * 3 + c] as number)));
      });
      expect(predictions[i]).toBe(logits.indexOf(max));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('gives coefficients in scikit-learn layout and scores like its predictions', async () => {
    const classifier = create();
    await fitToEnd(classifier.fit(train));
    const coefficients = classifier.coefficients();
    const intercepts = classifier.intercepts();
    expect(coefficients).toHaveLength(3 * 5);
    expect(intercepts).toHaveLength(3);
    const predictions = await classifier.predict(test.features);
    for (let i = 0; i < test.numSamples; i++) {
      const scores = [0, 1, 2].map((c) => {
        let z = intercepts[c] as number;
        for (let j = 0; j < 5; j++)
          z += (coefficients[c * 5 + j] as number) * (test.features[i * 5 + j] as number);
        return z;
      });
      expect(predictions[i]).toBe(scores.indexOf(Math.max(...scores)));
    }
    expect(await classifier.score(test)).toBe(accuracyOf(predictions, test.labels));
  });

  it('refuses to predict before fitting, and bad inputs with their position', async () => {
    const classifier = create();
    await expect(classifier.predict(test.features)).rejects.toBeInstanceOf(NotFittedError);
    expect(() => classifier.coefficients()).toThrow(/coefficients: expected a fitted/);
    await fitToEnd(classifier.fit(train));
    await expect(classifier.predictProba(new Float32Array(7))).rejects.toThrow(
      /predictProba features: expected a multiple of 5 values/,
    );
  });

  it('rejects training data with labels out of range', async () => {
    const bad = { ...train, labels: train.labels.slice() };
    bad.labels[4] = 5;
    await expect(fitToEnd(create().fit(bad))).rejects.toThrow(ClassifierInputError);
    await expect(fitToEnd(create().fit(bad))).rejects.toThrow(
      /training data 'blobs' train: expected labels in \[0, 3\), found 5 at sample 4/,
    );
  });
});
