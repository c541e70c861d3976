import { availableParallelism } from 'node:os';
import {
  ArtifactError,
  createClassifier,
  DefinedClassifier,
  describeOptions,
  fitToEnd,
  PluginOptionsError,
} from '@digitlab/core';
import { checkDescribedDefaults, roundTripBlobs } from '@digitlab/core/testing';
import { MODEL_JSON, useBackend } from '@digitlab/tfjs-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as node from './node/index.js';
import { DEFAULT_OPTIONS } from './options.js';
import { PLUGIN_NAME, softmaxRegression } from './plugin.js';

// The ClassifierPlugin shape, and saving to a directory and loading through a registry, are the
// conformance suite's (conformance.test.ts); these are the checks particular to this plugin.
beforeAll(async () => {
  // `backend: 'auto'` in this (browser) entry takes the active backend.
  await useBackend('cpu');
});

const { train, test } = roundTripBlobs();

describe('softmaxRegression()', () => {
  it('is a valid plugin whose options are all described and defaulted', () => {
    const plugin = softmaxRegression();
    expect(plugin.name).toBe('softmax-regression');
    // learningRate has no single default: each mini-batch solver has its own.
    checkDescribedDefaults(plugin, { ...DEFAULT_OPTIONS, learningRate: undefined });
    const options = describeOptions(plugin.options);
    expect(options.find((o) => o.name === 'solver')?.choices).toEqual(['lbfgs', 'sgd', 'adam']);
    expect(options.find((o) => o.name === 'C')).toMatchObject({ exclusiveMinimum: 0, default: 1 });
  });

  it('parses scikit-learn defaults and reports every bad or unknown option', () => {
    const plugin = softmaxRegression();
    expect(plugin.options.parse({})).toEqual(DEFAULT_OPTIONS);
    expect(() => createClassifier(plugin, { C: 0, solver: 'newton', maxiter: 5 })).toThrow(
      PluginOptionsError,
    );
    try {
      createClassifier(plugin, { C: 0, solver: 'newton', maxiter: 5 });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/classifier 'softmax-regression'/);
      expect(message).toMatch(/C: /);
      expect(message).toMatch(/solver: /);
      expect(message).toMatch(/maxiter/);
    }
  });

  it('accepts tol 0 as scikit-learn does (lbfgs then runs to maxIter) and rejects a negative tol', async () => {
    const plugin = softmaxRegression();
    const classifier = createClassifier(plugin, { tol: 0, maxIter: 4, backend: 'cpu' });
    const result = await fitToEnd(classifier.fit(train));
    expect(result).toMatchObject({ stopReason: 'max-iter', steps: 4, converged: false });
    expect(() => createClassifier(plugin, { tol: -1e-4 })).toThrow(/tol: .*>=0/);
  });

  it('trains on the calling thread: workers stay 0, and asking for some names the Node entry', () => {
    const plugin = softmaxRegression();
    expect(plugin.options.parse({}).workers).toBe(0);
    expect(() => softmaxRegression({ workers: 2 })).toThrow(
      /defaults\.workers: worker threads need Node: import softmaxRegression from '@digitlab\/softmax-regression\/node'/,
    );
    expect(() => createClassifier(plugin, { workers: 1 })).toThrow(PluginOptionsError);
  });

  it('from /node: the same options, with one gradient worker per core by default', () => {
    const plugin = node.softmaxRegression();
    expect(plugin.name).toBe(PLUGIN_NAME);
    expect(plugin.options.parse({})).toEqual({
      ...DEFAULT_OPTIONS,
      workers: availableParallelism(),
    });
    expect(node.DEFAULT_OPTIONS.workers).toBe(availableParallelism());
    expect(plugin.options.parse({ workers: 64 }).workers).toBe(64);
    expect(() => plugin.options.parse({ workers: 65 })).toThrow();
    expect(describeOptions(plugin.options).map((o) => o.name)).toEqual(
      describeOptions(softmaxRegression().options).map((o) => o.name),
    );
  });

  it('takes its defaults from the factory, and rejects invalid ones at once', () => {
    const plugin = softmaxRegression({ backend: 'wasm', C: 0.25 });
    expect(plugin.options.parse({})).toMatchObject({ backend: 'wasm', C: 0.25, solver: 'lbfgs' });
    expect(plugin.options.parse({ C: 3 }).C).toBe(3);
    expect(() => softmaxRegression({ C: -1 })).toThrow(/defaults\.C/);
  });
});

describe('save and load', () => {
  it('saves a model that loads back with the same coefficients, predictions and metadata', async () => {
    const plugin = softmaxRegression();
    const classifier = plugin.create(plugin.options.parse({ C: 2, maxIter: 50 }));
    const result = await fitToEnd(classifier.fit(train, { evaluate: { data: test, every: 10 } }));
    const artifact = await classifier.save();
    expect(Object.keys(artifact.files).sort()).toEqual(['model.json', 'weights.bin']);
    expect(artifact.metadata).toMatchObject({
      numFeatures: 4,
      numClasses: 3,
      classNames: ['blob 0', 'blob 1', 'blob 2'],
      imageShape: [2, 2],
      preprocessing: [{ kind: 'scale', factor: 0.5 }],
      dataset: 'blobs',
      training: {
        C: 2,
        maxIter: 50,
        solver: 'lbfgs',
        numSamples: 75,
        stopReason: result.stopReason,
      },
      metrics: {
        objective: result.objective,
        steps: result.steps,
        heldOutAccuracy: result.evaluation?.accuracy,
      },
    });
    // The LayersModel carries digitlab's metadata, for tf.loadLayersModel users.
    const modelJson = JSON.parse(new TextDecoder().decode(artifact.files[MODEL_JSON]));
    expect(modelJson.userDefinedMetadata).toEqual(artifact.metadata);

    const loaded = await plugin.load(artifact);
    expect(loaded).toBeInstanceOf(DefinedClassifier);
    expect(loaded.fitted).toBe(true);
    expect(Array.from(loaded.coefficients())).toEqual(Array.from(classifier.coefficients()));
    expect(loaded.options).toMatchObject({ C: 2, maxIter: 50, backend: 'auto', warmStart: false });
    expect(Array.from(await loaded.predictProba(test.features))).toEqual(
      Array.from(await classifier.predictProba(test.features)),
    );
    // Saving a loaded model keeps its metadata.
    expect((await loaded.save()).metadata).toEqual(artifact.metadata);
  });

  it('continues training a loaded model with warmStart', async () => {
    const plugin = softmaxRegression();
    const classifier = plugin.create(plugin.options.parse({ maxIter: 4 }));
    const first = await fitToEnd(classifier.fit(train));
    const loaded = await plugin.load(await classifier.save(), { warmStart: true, maxIter: 3 });
    expect(loaded.options).toMatchObject({ warmStart: true, maxIter: 3 });
    let firstObjective: number | undefined;
    await fitToEnd(loaded.fit(train), (event) => {
      if (event.type === 'progress' && event.step === 1) firstObjective = event.objective;
    });
    expect(firstObjective).toBeLessThan(first.objective as number);
  });

  it('refuses artifacts of another plugin and ones that do not match their metadata', async () => {
    const plugin = softmaxRegression();
    const classifier = plugin.create(plugin.options.parse({ maxIter: 3 }));
    await fitToEnd(classifier.fit(train));
    const artifact = await classifier.save();
    await expect(plugin.load({ ...artifact, plugin: 'knn' })).rejects.toThrow(
      /expected a model saved by the 'softmax-regression' plugin, found one saved by 'knn'/,
    );
    await expect(
      plugin.load({
        ...artifact,
        metadata: { ...artifact.metadata, numClasses: 2, classNames: ['a', 'b'] },
      }),
    ).rejects.toBeInstanceOf(ArtifactError);
    expect(PLUGIN_NAME).toBe(artifact.plugin);
  });

  it('refuses to save an unfitted classifier', async () => {
    const plugin = softmaxRegression();
    await expect(plugin.create(plugin.options.parse({})).save()).rejects.toThrow(
      /save: expected a fitted 'softmax-regression' classifier/,
    );
  });
});
