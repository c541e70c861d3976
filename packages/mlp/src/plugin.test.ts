import {
  ArtifactError,
  createClassifier,
  describeOptions,
  fitToEnd,
  PluginOptionsError,
} from '@digitlab/core';
import { checkDescribedDefaults, roundTripBlobs } from '@digitlab/core/testing';
import { MODEL_JSON } from '@digitlab/tfjs-backend';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './options.js';
import { mlp, PLUGIN_NAME } from './plugin.js';

// The ClassifierPlugin shape, and saving to a directory and loading through a registry, are the
// conformance suite's (conformance.test.ts); these are the checks particular to the MLP.
const { train, test } = roundTripBlobs();

describe('mlp()', () => {
  it('is a valid plugin named mlp whose options are all described and defaulted', () => {
    const plugin = mlp();
    expect(plugin.name).toBe(PLUGIN_NAME);
    expect(PLUGIN_NAME).toBe('mlp');
    checkDescribedDefaults(plugin, DEFAULT_OPTIONS);
    const options = describeOptions(plugin.options);
    expect(options.find((o) => o.name === 'solver')?.choices).toEqual(['adam', 'sgd', 'lbfgs']);
    expect(plugin.options.parse({})).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toMatchObject({
      hiddenUnits: 128,
      alpha: 1e-4,
      solver: 'adam',
      learningRate: 1e-3,
      batchSize: 200,
      seed: 0,
      backend: 'auto',
    });
  });

  it('reports every bad or unknown option at once, naming the plugin', () => {
    const plugin = mlp();
    try {
      createClassifier(plugin, { hiddenUnits: 0, solver: 'newton', hidden: 5 });
      expect.unreachable('the options should have been rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(PluginOptionsError);
      const message = (error as Error).message;
      expect(message).toMatch(/classifier 'mlp'/);
      expect(message).toMatch(/hiddenUnits/);
      expect(message).toMatch(/solver/);
      expect(message).toMatch(/hidden/);
    }
  });

  it('takes its own defaults and refuses invalid ones', () => {
    const plugin = mlp({ hiddenUnits: 32, solver: 'lbfgs' });
    expect(plugin.options.parse({})).toMatchObject({ hiddenUnits: 32, solver: 'lbfgs' });
    expect(() => mlp({ momentum: 1 })).toThrow(/defaults\.momentum/);
  });

  it('saves and loads: same weights, predictions, training settings and metadata', async () => {
    const plugin = mlp({ backend: 'cpu' });
    const classifier = plugin.create(
      plugin.options.parse({
        hiddenUnits: 7,
        learningRate: 0.02,
        batchSize: 25,
        epochs: 5,
        seed: 9,
      }),
    );
    // adam measures no training accuracy itself: the saved metrics hold the one asked of the fit.
    await fitToEnd(classifier.fit(train, { trainAccuracy: 'end' }));
    const artifact = await classifier.save();
    // The LayersModel carries digitlab's metadata, for tf.loadLayersModel users.
    const modelJson = JSON.parse(new TextDecoder().decode(artifact.files[MODEL_JSON]));
    expect(modelJson.userDefinedMetadata).toEqual(artifact.metadata);
    const loaded = await plugin.load(artifact);
    expect(loaded.plugin).toBe(PLUGIN_NAME);
    expect(loaded.getWeights()).toEqual(classifier.getWeights());
    expect(loaded.options).toMatchObject({
      hiddenUnits: 7,
      learningRate: 0.02,
      epochs: 5,
      seed: 9,
    });
    expect(Array.from(await loaded.predictProba(test.features))).toEqual(
      Array.from(await classifier.predictProba(test.features)),
    );
    const metadata = (await loaded.save()).metadata;
    expect(metadata).toMatchObject({
      numFeatures: 4,
      numClasses: 3,
      imageShape: [2, 2],
      preprocessing: [{ kind: 'scale', factor: 0.5 }],
      dataset: 'blobs',
    });
    expect(metadata.metrics?.trainAccuracy).toBe(await classifier.score(train));
    loaded.dispose();
    classifier.dispose();
  });

  it('load takes the hidden size from the weights and lets overrides win over saved settings', async () => {
    const plugin = mlp({ backend: 'cpu' });
    const classifier = plugin.create(plugin.options.parse({ hiddenUnits: 5, epochs: 2 }));
    await fitToEnd(classifier.fit(train));
    const artifact = await classifier.save();
    const edited = {
      ...artifact,
      metadata: {
        ...artifact.metadata,
        training: { ...artifact.metadata.training, hiddenUnits: 99, alpha: -3 },
      },
    };
    const loaded = await plugin.load(edited, { epochs: 7, warmStart: true });
    // hiddenUnits from the weights, the invalid saved alpha replaced by the default.
    expect(loaded.options).toMatchObject({
      hiddenUnits: 5,
      epochs: 7,
      warmStart: true,
      alpha: 1e-4,
    });
    await expect(plugin.load({ ...artifact, plugin: 'knn' })).rejects.toThrow(ArtifactError);
    await expect(plugin.load({ ...artifact, plugin: 'knn' })).rejects.toThrow(
      /expected a model saved by the 'mlp' plugin, found one saved by 'knn'/,
    );
    await expect(plugin.load(artifact, { epochs: 0 })).rejects.toThrow(PluginOptionsError);
    loaded.dispose();
    classifier.dispose();
  });
});
