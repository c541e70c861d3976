import {
  ClassifierInputError,
  type FitOptions,
  fitToEnd,
  NotFittedError,
  type ProgressEvent,
  type TrainingEvent,
} from '@digitlab/core';
import { gaussianBlobs, maxAbsDifference } from '@digitlab/core/testing';
import { StopReason } from '@digitlab/optimizers';
import { useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { glorotUniformParameters } from './glorot-uniform.js';
import { MlpObjective } from './mlp-objective.js';
import { parametersFromWeights } from './mlp-parameters.js';
import type { MlpOptions } from './options.js';
import { type MlpClassifier, mlp } from './plugin.js';
import { predictProbabilities } from './predict-rows.js';
import { xorData } from './test-support/xor-data.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const plugin = mlp({ backend: 'cpu' });
const create = (options: Partial<MlpOptions> = {}): MlpClassifier =>
  plugin.create(plugin.options.parse(options));

const xor = xorData(30);
const xorTest = xorData(10, 2, 4, 'test');

async function train(
  classifier: MlpClassifier,
  data = xor,
  signal?: AbortSignal,
  fitOptions: FitOptions = {},
) {
  const events: TrainingEvent[] = [];
  const result = await fitToEnd(
    classifier.fit(data, {
      ...(signal ? { signal } : {}),
      evaluate: { data: xorTest, every: 100 },
      ...fitOptions,
    }),
    (e) => events.push(e),
  );
  return {
    events,
    result,
    progress: events.filter((e): e is ProgressEvent => e.type === 'progress'),
  };
}

describe('MlpClassifier', () => {
  it('learns XOR, which no linear model can, with each solver', async () => {
    const settings: Partial<MlpOptions>[] = [
      { hiddenUnits: 16, learningRate: 0.05, batchSize: 20, epochs: 60 },
      { hiddenUnits: 16, solver: 'sgd', learningRate: 0.05, batchSize: 20, epochs: 60 },
      { hiddenUnits: 16, solver: 'lbfgs', maxIter: 200 },
    ];
    for (const options of settings) {
      const classifier = create(options);
      await train(classifier);
      expect(await classifier.score(xor), options.solver ?? 'adam').toBeGreaterThanOrEqual(0.95);
      expect(await classifier.score(xorTest), options.solver ?? 'adam').toBeGreaterThanOrEqual(0.9);
      classifier.dispose();
    }
  });

  it('starts from scikit-learn-style Glorot weights of its seed and is reproducible', async () => {
    const shape = { numFeatures: 4, hiddenUnits: 6, numClasses: 2 };
    const first = create({ hiddenUnits: 6, seed: 3, epochs: 3, batchSize: 10 });
    const again = create({ hiddenUnits: 6, seed: 3, epochs: 3, batchSize: 10 });
    const other = create({ hiddenUnits: 6, seed: 4, epochs: 3, batchSize: 10 });
    for (const c of [first, again, other]) await train(c);
    const a = parametersFromWeights(first.getWeights());
    expect(Array.from(parametersFromWeights(again.getWeights()))).toEqual(Array.from(a));
    expect(maxAbsDifference(parametersFromWeights(other.getWeights()), a)).toBeGreaterThan(0.01);
    // With a negligible step the weights are still the seed's initialization (to float32).
    const still = create({ hiddenUnits: 6, seed: 3, epochs: 1, learningRate: 1e-12 });
    await train(still);
    const init = glorotUniformParameters(shape, 3);
    expect(maxAbsDifference(parametersFromWeights(still.getWeights()), init)).toBeLessThan(1e-7);
    expect(maxAbsDifference(a, init)).toBeGreaterThan(1e-3);
    for (const c of [first, again, other, still]) c.dispose();
  });

  it('reports progress per epoch with the objective and the training accuracy of the weights', async () => {
    const classifier = create({ hiddenUnits: 8, learningRate: 0.02, batchSize: 30, epochs: 4 });
    const { events, result, progress } = await train(classifier, xor, undefined, {
      trainAccuracy: 'evaluations',
    });
    const start = events[0];
    expect(start).toMatchObject({ type: 'start', unit: 'epoch', total: 4, numSamples: 120 });
    expect(start?.type === 'start' && start.description).toMatch(/MLP 8 ReLU units, adam/);
    expect(progress.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    // 120 samples in batches of 30: four evaluations per epoch.
    expect(progress.map((p) => p.evaluations)).toEqual([4, 8, 12, 16]);
    expect(progress.every((p) => p.learningRate === 0.02)).toBe(true);
    const last = progress.at(-1) as ProgressEvent;
    expect(last.trainAccuracy).toBe(await classifier.score(xor));
    // Only the final step is evaluated with every = 100.
    expect(progress.map((p) => p.evaluation?.step)).toEqual([undefined, undefined, undefined, 4]);
    expect(result).toMatchObject({ stopReason: 'epochs', converged: false, steps: 4 });
    expect(result.warning).toMatch(/adam did not converge in 4 epochs/);
    expect(result.evaluation?.accuracy).toBe(await classifier.score(xorTest));
    classifier.dispose();
  });

  it('leaves adam/sgd training accuracy to the driver, off the fit clock; lbfgs reports its free counts every trainAccuracyEvery', async () => {
    // A forward pass over the training set is an evaluation, not fitting (scikit-learn's fit
    // measures none): the plugin never runs one; the driver predicts when asked, off the clock.
    const countCorrect = vi.spyOn(MlpObjective.prototype, 'countCorrect');
    const options = { hiddenUnits: 4, batchSize: 30, epochs: 5, trainAccuracyEvery: 2 };
    const unasked = create(options);
    const quiet = await train(unasked);
    expect(quiet.progress.every((p) => p.trainAccuracy === undefined)).toBe(true);
    expect(quiet.result.trainAccuracy).toBeUndefined();

    const asked = create(options);
    const { result, progress } = await train(asked, xor, undefined, {
      evaluate: { data: xorTest, every: 2 },
      trainAccuracy: 'evaluations',
    });
    // At the held-out evaluations (every 2 epochs and the last), whatever trainAccuracyEvery says.
    expect(progress.map((p) => p.trainAccuracy !== undefined)).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
    expect(progress.at(-1)?.trainAccuracy).toBe(await asked.score(xor));
    expect(result.trainAccuracy).toBe(progress.at(-1)?.trainAccuracy);
    expect((await asked.save()).metadata.metrics?.trainAccuracy).toBe(result.trainAccuracy);
    expect(countCorrect).not.toHaveBeenCalled();

    const lbfgs = create({
      hiddenUnits: 5,
      solver: 'lbfgs',
      maxIter: 5,
      alpha: 0.01,
      trainAccuracyEvery: 2,
    });
    const counted = await train(lbfgs);
    expect(counted.result.stopReason).toBe('max-iter');
    expect(counted.progress.map((p) => p.trainAccuracy !== undefined)).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
    expect(counted.result.trainAccuracy).toBe(await lbfgs.score(xor));
    // The counts come with L-BFGS's full-batch evaluations: no extra forward pass.
    expect(countCorrect).not.toHaveBeenCalled();
    countCorrect.mockRestore();
    for (const c of [unasked, asked, lbfgs]) c.dispose();
  });

  it('reports the full objective at the lbfgs iterate it returns', async () => {
    const classifier = create({ hiddenUnits: 5, solver: 'lbfgs', maxIter: 15, alpha: 0.01 });
    const { result, progress } = await train(classifier);
    expect(progress[0]?.unit).toBe('iteration');
    expect(result.stopReason).toBe('max-iter');
    expect(result.warning).toMatch(/lbfgs failed to converge after 15 iterations/);
    const objective = new MlpObjective({
      ...xor,
      hiddenUnits: 5,
      alpha: 0.01,
    });
    const x = parametersFromWeights(classifier.getWeights());
    expect(result.objective).toBeCloseTo(objective.evaluate(x).value, 5);
    expect(progress.at(-1)?.trainAccuracy).toBe(await classifier.score(xor));
    classifier.dispose();
  });

  it("stops as converged when the loss stops improving by tol (scikit-learn's rule)", async () => {
    // No epoch can improve the loss by 10: epochs 2 and 3 count, and 2 > nIterNoChange = 1.
    const classifier = create({ hiddenUnits: 4, epochs: 50, tol: 10, nIterNoChange: 1 });
    const { result, progress } = await train(classifier);
    expect(result).toMatchObject({
      stopReason: StopReason.NoImprovement,
      converged: true,
      steps: 3,
    });
    expect(result.warning).toBeUndefined();
    expect(result.message).toMatch(
      /did not improve by more than tol 10 for 2 consecutive epochs \(patience 1\)/,
    );
    expect(progress.map((p) => p.step)).toEqual([1, 2, 3]);
    // The stopping epoch was known to be the last, so it carried the final held-out evaluation.
    expect(progress[2]?.evaluation?.step).toBe(3);
    classifier.dispose();
  });

  it('accepts tol 0 as scikit-learn does: adam runs every epoch while the loss falls, lbfgs to maxIter', async () => {
    const adam = create({ hiddenUnits: 4, epochs: 4, tol: 0, nIterNoChange: 1 });
    expect((await train(adam)).result).toMatchObject({ stopReason: 'epochs', steps: 4 });
    adam.dispose();
    const lbfgs = create({ hiddenUnits: 4, solver: 'lbfgs', maxIter: 3, tol: 0 });
    expect((await train(lbfgs)).result).toMatchObject({ stopReason: 'max-iter', steps: 3 });
    lbfgs.dispose();
    expect(() => create({ tol: -1 })).toThrow(/tol/);
  });

  it('stops at the next epoch when aborted, keeping the weights so far and no tensors', async () => {
    const before = tf.memory().numTensors;
    const classifier = create({ hiddenUnits: 4, epochs: 50 });
    const controller = new AbortController();
    const events: TrainingEvent[] = [];
    for await (const event of classifier.fit(xor, { signal: controller.signal })) {
      events.push(event);
      if (event.type === 'progress' && event.step === 2) controller.abort();
    }
    const end = events.at(-1);
    expect(end?.type === 'end' && end.result).toMatchObject({
      stopReason: 'aborted',
      steps: 2,
      // The solver watches the signal and ends with its own account of where it stopped.
      message: 'aborted by the AbortSignal in epoch 3 after 2 steps (2 epochs completed)',
    });
    expect(classifier.fitted).toBe(true);
    classifier.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops when disposed during a fit', async () => {
    const classifier = create({ hiddenUnits: 4, epochs: 50 });
    const fit = classifier.fit(xor);
    let next = await fit.next();
    while (!next.done && next.value.type !== 'progress') next = await fit.next();
    classifier.dispose();
    let last: TrainingEvent | undefined;
    for (next = await fit.next(); !next.done; next = await fit.next()) last = next.value;
    expect(last?.type === 'end' && last.result.stopReason).toBe('aborted');
    expect(classifier.fitted).toBe(false);
  });

  it('continues from its weights with warmStart and checks their shape', async () => {
    const options = { hiddenUnits: 6, learningRate: 0.02, batchSize: 30, epochs: 2 };
    const fresh = create(options);
    const warm = create({ ...options, warmStart: true });
    const first = (await train(fresh)).progress[0]?.objective as number;
    await train(warm);
    const continued = (await train(warm)).progress[0]?.objective as number;
    expect(continued).toBeLessThan(first);
    // The saved weights with a different hidden size asked for.
    const loaded = await plugin.load(await warm.save(), { warmStart: true, hiddenUnits: 7 });
    await expect(fitToEnd(loaded.fit(xor))).rejects.toThrow(
      /expected 4 features, 6 hidden units and 2 classes \(as the current weights\), found 4 features, hiddenUnits 7/,
    );
    for (const c of [fresh, warm, loaded]) c.dispose();
  });

  it('predicts in row chunks with the same result as one block', async () => {
    const classifier = create({ hiddenUnits: 5, epochs: 2 });
    await train(classifier);
    const weights = classifier.getWeights();
    const data = gaussianBlobs({ perClass: 9, numClasses: 2, numFeatures: 4, seed: 2 });
    const whole = predictProbabilities(weights, data.features);
    for (const chunkRows of [1, 4, 17]) {
      expect(Array.from(predictProbabilities(weights, data.features, chunkRows))).toEqual(
        Array.from(whole),
      );
    }
    expect(Array.from(await classifier.predictProba(data.features))).toEqual(Array.from(whole));
    classifier.dispose();
  });

  it('explains misuse: unfitted, disposed, bad training data', async () => {
    const classifier = create();
    await expect(classifier.predict(new Float32Array(4))).rejects.toThrow(NotFittedError);
    await expect(classifier.save()).rejects.toThrow(/save: expected a fitted 'mlp' classifier/);
    const bad = { ...xor, labels: xor.labels.map((l, i) => (i === 5 ? 7 : l)) };
    await expect(fitToEnd(classifier.fit(bad))).rejects.toThrow(
      /expected labels in \[0, 2\), found 7 at sample 5/,
    );
    await expect(fitToEnd(classifier.fit({ ...xor, numClasses: 1 }))).rejects.toThrow(
      ClassifierInputError,
    );
    classifier.dispose();
    await expect(fitToEnd(classifier.fit(xor))).rejects.toThrow(/found one that was disposed/);
  });

  it('leaves the tensor count unchanged across fit, predict, score, abort and dispose', async () => {
    const before = tf.memory().numTensors;
    for (const solver of ['adam', 'sgd', 'lbfgs'] as const) {
      const classifier = create({ hiddenUnits: 4, solver, epochs: 2, maxIter: 3 });
      await train(classifier);
      await classifier.predictProba(xorTest.features);
      await classifier.score(xorTest);
      const controller = new AbortController();
      controller.abort();
      await train(classifier, xor, controller.signal);
      classifier.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
