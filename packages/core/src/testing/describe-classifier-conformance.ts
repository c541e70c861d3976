import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSplits } from '@digitlab/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Classifier } from '../classifier.js';
import {
  assertClassifierPlugin,
  type ClassifierPlugin,
  parsePluginOptions,
} from '../classifier-plugin.js';
import type { FitCheckpoint } from '../fit-checkpoint.js';
import type { ImageSet } from '../image-set.js';
import { loadCheckpoint, saveCheckpoint } from '../node/checkpoint-directory.js';
import { loadModel } from '../node/load-model.js';
import { saveModel } from '../node/model-directory.js';
import { createRegistry } from '../registry.js';
import type { FitResult, TrainingEvent } from '../training-event.js';
import { checkMinimumAccuracy, checkScore } from './check-accuracy.js';
import { checkDamagedArtifacts } from './check-damaged-artifacts.js';
import { checkEventOrder, checkReturnValue, checkStartMatchesData } from './check-event-order.js';
import { checkHeldOutEvaluations } from './check-held-out-evaluations.js';
import { checkImageSets } from './check-image-sets.js';
import { checkNewClassifier, checkPluginOptions } from './check-plugin-options.js';
import { checkArgmax, checkPredictions } from './check-predictions.js';
import { checkProbabilities } from './check-probabilities.js';
import { checkRejects } from './check-rejects.js';
import { checkResumedLikeUninterrupted } from './check-resume.js';
import { checkArtifactMetadata, checkSameOutputs } from './check-round-trip.js';
import { checkAbortedFit, checkLeftEarly, checkUsableAfterStop } from './check-stopped-early.js';
import { checkTensorCount } from './check-tensor-count.js';
import { collectFit } from './collect-fit.js';
import { separableClusters } from './separable-clusters.js';

/** How to run the conformance suite on one plugin. */
export interface ConformanceConfig {
  /** Raw options for `create` (parsed by the plugin's schema); default `{}`. */
  readonly options?: Record<string, unknown>;
  /** Train and held-out data; default `separableClusters()` (3 classes × 20 samples × 8 features). */
  readonly makeData?: () => DatasetSplits | Promise<DatasetSplits>;
  /** Live tensor count (e.g. `() => tf.memory().numTensors`); enables the leak checks. */
  readonly tensorMemory?: () => number;
  /** Timeout of each test and of the shared fit, in ms; default 30,000. */
  readonly timeoutMs?: number;
  /** Least training accuracy expected on the data; default 0.9 (the default data is separable). */
  readonly minTrainAccuracy?: number;
  /** Option values the schema must reject, besides non-objects (e.g. `[{ k: 0 }]`). */
  readonly invalidOptions?: readonly unknown[];
  /** Damaged copies of the saved model to load (fuzzing the plugin's decoder); default 2000. */
  readonly fuzzRuns?: number;
}

interface Shared {
  readonly data: DatasetSplits;
  readonly options: Record<string, unknown>;
  /** Fitted once with `evaluate: { data: test, every: 1 }`, shared by the checks that only read it. */
  readonly classifier: Classifier;
  readonly events: readonly TrainingEvent[];
  readonly returned: FitResult | undefined;
  readonly dir: string;
}

/**
 * Register a vitest `describe` block that checks `plugin` against the Classifier contract: shape,
 * options, the event stream, held-out evaluation, output shapes and probabilities, accuracy on easy
 * data, save/load, bad input, abort and early exit, and (given `tensorMemory`) tensor leaks.
 */
export function describeClassifierConformance(
  plugin: ClassifierPlugin,
  config: ConformanceConfig = {},
): void {
  const timeout = config.timeoutMs ?? 30_000;
  const memory = config.tensorMemory;
  const minAccuracy = config.minTrainAccuracy ?? 0.9;

  describe(`classifier plugin '${plugin.name}' conforms to the Classifier contract`, () => {
    let shared: Shared | undefined;
    let setupError: unknown;
    let dir: string | undefined;
    // A failed shared fit fails each test that needs it with the fit's own error, not a cascade.
    const get = (): Shared => {
      if (shared) return shared;
      throw setupError ?? new Error('the shared fit did not run');
    };
    // A classifier of its own for a test that stops a fit: disposed after `use`, and (given
    // tensorMemory) holding no tensors once it is.
    const withFreshClassifier = async (
      options: Record<string, unknown>,
      what: string,
      use: (classifier: Classifier) => Promise<void>,
    ): Promise<void> => {
      const before = memory?.();
      const classifier = plugin.create(options);
      try {
        await use(classifier);
      } finally {
        classifier.dispose();
      }
      if (memory && before !== undefined) checkTensorCount(before, memory(), `${what} and dispose`);
    };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), `digitlab-conformance-${plugin.name}-`));
      let classifier: Classifier | undefined;
      try {
        const data = await (config.makeData ?? separableClusters)();
        const options = parsePluginOptions(plugin, config.options ?? {});
        classifier = plugin.create(options);
        const { events, returned } = await collectFit(
          classifier.fit(data.train, { evaluate: { data: data.test, every: 1 } }),
        );
        shared = { data, options, classifier, events, returned, dir };
      } catch (error) {
        classifier?.dispose();
        setupError = error;
      }
    }, timeout);

    afterAll(async () => {
      shared?.classifier.dispose();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('has the ClassifierPlugin shape', () => {
      expect(() => assertClassifierPlugin(plugin, `plugin '${plugin.name}'`)).not.toThrow();
    });

    it('accepts {} and the given options, documents each option, and rejects garbage', () => {
      const options = checkPluginOptions(plugin, config.options, config.invalidOptions);
      const classifier = plugin.create(options);
      try {
        checkNewClassifier(classifier, plugin, options);
      } finally {
        classifier.dispose();
      }
    });

    it('streams one start, increasing progress steps, one end, and returns the end result', () => {
      const { events, returned, data, classifier } = get();
      const { start, end } = checkEventOrder(events);
      checkStartMatchesData(start, data.train);
      checkReturnValue(end, returned);
      expect(classifier.fitted, 'classifier.fitted after a completed fit').toBe(true);
    });

    it('evaluates held-out data at every step with every = 1', () => {
      const { events, data } = get();
      checkHeldOutEvaluations(events, data.test);
    });

    // Registered only for plugins whose classifiers can show image-shaped arrays.
    if (typeof createdWith(plugin, config.options).inspect === 'function') {
      it('shows well-formed image sets through inspect()', async () => {
        const { classifier } = get();
        checkImageSets(await (classifier.inspect as () => Promise<readonly ImageSet[]>)());
      });
    }

    it('predicts n classes in [0, k), the argmax of n × k probabilities that sum to 1', async () => {
      const { classifier, data } = get();
      const { features, numSamples: n, numClasses: k } = data.test;
      const probabilities = await classifier.predictProba(features);
      checkProbabilities(probabilities, n, k);
      const predictions = await classifier.predict(features);
      checkPredictions(predictions, n, k);
      checkArgmax(predictions, probabilities, k);
    });

    it(
      `fits the conformance data (training accuracy ≥ ${minAccuracy}) and scores it`,
      async () => {
        const { classifier, data } = get();
        const predictions = await classifier.predict(data.train.features);
        checkMinimumAccuracy(predictions, data.train.labels, minAccuracy);
        checkScore(await classifier.score(data.train), predictions, data.train.labels);
        const testPredictions = await classifier.predict(data.test.features);
        checkScore(await classifier.score(data.test), testPredictions, data.test.labels);
      },
      timeout,
    );

    it(
      'saves and loads through a registry with identical predictions and metadata',
      async () => {
        const { classifier, data, dir } = get();
        const artifact = await classifier.save();
        checkArtifactMetadata(artifact.metadata, data.train);
        const modelDir = join(dir, 'round-trip');
        await saveModel(modelDir, artifact);
        const loaded = await loadModel(modelDir, createRegistry([plugin]));
        try {
          expect(loaded.plugin).toBe(plugin.name);
          expect(loaded.fitted).toBe(true);
          const { features } = data.test;
          checkSameOutputs(
            {
              predictions: await classifier.predict(features),
              probabilities: await classifier.predictProba(features),
            },
            {
              predictions: await loaded.predict(features),
              probabilities: await loaded.predictProba(features),
            },
          );
          checkArtifactMetadata((await loaded.save()).metadata, data.train);
        } finally {
          loaded.dispose();
        }
      },
      timeout,
    );

    it(
      'loads damaged copies of a saved model as working models or refuses them with a DigitlabError (fuzz)',
      async () => {
        const { classifier, data } = get();
        const rows = data.test.features.subarray(0, 3 * data.test.numFeatures);
        await checkDamagedArtifacts(plugin, await classifier.save(), rows, {
          numRuns: config.fuzzRuns ?? 2000,
          tensorMemory: memory,
        });
      },
      timeout * 2,
    );

    it('rejects rows of the wrong length and NaN features with a clear error', async () => {
      const { classifier, data } = get();
      const d = data.train.numFeatures;
      const ragged = new Float32Array(d + 1);
      await checkRejects('predict with a partial row', () => classifier.predict(ragged), [
        String(d),
      ]);
      await checkRejects('predictProba with a partial row', () => classifier.predictProba(ragged), [
        String(d),
      ]);
      const nan = data.test.features.slice(0, 2 * d);
      nan[d + 1] = Number.NaN;
      await checkRejects('predict with NaN', () => classifier.predict(nan), ['NaN']);
      await checkRejects('predictProba with NaN', () => classifier.predictProba(nan), ['NaN']);
    });

    it(
      "stops with reason 'aborted' when the signal fires after the first progress event",
      async () => {
        const { data, options, events: fullRun } = get();
        const fullRunProgress = fullRun.filter((e) => e.type === 'progress').length;
        await withFreshClassifier(options, 'an aborted fit', async (classifier) => {
          const controller = new AbortController();
          const { events, returned } = await collectFit(
            classifier.fit(data.train, { signal: controller.signal }),
            (event) => {
              if (event.type === 'progress') controller.abort();
            },
          );
          const result = checkAbortedFit(events, fullRunProgress);
          checkReturnValue({ type: 'end', result }, returned);
          await checkUsableAfterStop(classifier, data.test, 'an aborted fit');
        });
      },
      timeout,
    );

    it(
      'ends cleanly when the consumer leaves the loop after the first progress event',
      async () => {
        const { data, options } = get();
        await withFreshClassifier(options, 'leaving a fit early', async (classifier) => {
          const fit = classifier.fit(data.train);
          const seen: TrainingEvent[] = [];
          for await (const event of fit) {
            seen.push(event);
            if (event.type === 'progress') break;
          }
          checkLeftEarly(seen, await fit.next());
          await checkUsableAfterStop(classifier, data.test, 'leaving a fit early');
        });
      },
      timeout,
    );

    it(
      'resumed from the checkpoint of an interrupted fit, ends as the uninterrupted fit does',
      async () => {
        const { data, options, dir, classifier: uninterrupted, returned } = get();
        const checkpointDir = join(dir, 'checkpoint');
        const { features } = data.test;
        // Interrupted as Ctrl-C does it: abort, then leave the loop after the first progress event.
        await withFreshClassifier(options, 'a checkpointed fit', async (classifier) => {
          const controller = new AbortController();
          const write = (c: FitCheckpoint) => saveCheckpoint(checkpointDir, c);
          const fit = classifier.fit(data.train, {
            signal: controller.signal,
            checkpoint: { every: 1, write },
          });
          for await (const event of fit) {
            if (event.type === 'progress') {
              controller.abort();
              break;
            }
          }
        });
        const checkpoint = await loadCheckpoint(checkpointDir);
        expect(checkpoint.step, 'checkpoint.step').toBeGreaterThanOrEqual(1);
        await withFreshClassifier(options, 'a resumed fit', async (classifier) => {
          const { returned: resumed } = await collectFit(
            classifier.fit(data.train, { resume: checkpoint }),
          );
          if (!returned || !resumed) throw new Error('expected both fits to return their result');
          checkResumedLikeUninterrupted(
            {
              result: returned,
              outputs: {
                predictions: await uninterrupted.predict(features),
                probabilities: await uninterrupted.predictProba(features),
              },
            },
            {
              result: resumed,
              outputs: {
                predictions: await classifier.predict(features),
                probabilities: await classifier.predictProba(features),
              },
            },
          );
        });
      },
      timeout,
    );

    if (memory) {
      it(
        'leaks no tensors across fit, predict, score, save/load and dispose',
        async () => {
          const { data, options, dir } = get();
          const { features } = data.test;
          const start = memory();
          const classifier = plugin.create(options);
          try {
            await collectFit(
              classifier.fit(data.train, { evaluate: { data: data.test, every: 1 } }),
            );
            const fitted = memory();
            await classifier.predict(features);
            checkTensorCount(fitted, memory(), 'predict');
            await classifier.predictProba(features);
            checkTensorCount(fitted, memory(), 'predictProba');
            await classifier.score(data.test);
            checkTensorCount(fitted, memory(), 'score');
            const artifact = await classifier.save();
            checkTensorCount(fitted, memory(), 'save');
            const modelDir = join(dir, 'leaks');
            await saveModel(modelDir, artifact);
            const loaded = await loadModel(modelDir, createRegistry([plugin]));
            await loaded.predictProba(features);
            loaded.dispose();
            checkTensorCount(
              fitted,
              memory(),
              'load, predictProba and dispose of the loaded model',
            );
          } finally {
            classifier.dispose();
          }
          checkTensorCount(start, memory(), 'create, fit and dispose');
        },
        timeout,
      );
    }
  });
}

/** A classifier fresh from `create`, disposed at once: to see which optional members it has. */
function createdWith(plugin: ClassifierPlugin, options: Record<string, unknown> | undefined) {
  const classifier = plugin.create(parsePluginOptions(plugin, options ?? {}));
  classifier.dispose();
  return classifier;
}
