import { z } from 'zod';
import type { Classifier } from '../../classifier.js';
import type { ClassifierPlugin } from '../../classifier-plugin.js';
import type { TrainingEvent } from '../../training-event.js';
import { centroidPlugin } from '../centroid-plugin.js';

/** A fake resource count standing in for tf.memory().numTensors in a plugin without tensors. */
export interface ResourceCounter {
  live: number;
}

type Overrides = (inner: Classifier, counter: ResourceCounter) => Partial<Classifier>;

/**
 * The centroid test plugin under another name, with some methods replaced. `fit` takes one unit of
 * `counter` that `dispose` gives back, so the conformance suite's leak checks have something to count.
 */
export function variantPlugin(
  name: string,
  counter: ResourceCounter,
  overrides: Overrides = () => ({}),
): ClassifierPlugin<{ shrink: number }> {
  const base = centroidPlugin();
  const wrap = (inner: Classifier): Classifier => {
    let held = 0;
    const wrapped: Classifier = {
      plugin: name,
      get options() {
        return inner.options;
      },
      get fitted() {
        return inner.fitted;
      },
      fit(train, options) {
        if (held === 0) {
          held = 1;
          counter.live++;
        }
        return inner.fit(train, options);
      },
      predictProba: (features) => inner.predictProba(features),
      predict: (features) => inner.predict(features),
      score: (data) => inner.score(data),
      save: async () => ({ ...(await inner.save()), plugin: name }),
      dispose() {
        counter.live -= held;
        held = 0;
        inner.dispose();
      },
      ...overrides(inner, counter),
    };
    return wrapped;
  };
  return {
    ...base,
    name,
    create: (options) => wrap(base.create(options)),
    load: async (artifact) => {
      const inner = await base.load({ ...artifact, plugin: base.name });
      const classifier = wrap(inner);
      // A loaded model holds its parameters from the start, as if it had been fitted.
      counter.live++;
      const dispose = classifier.dispose;
      classifier.dispose = () => {
        counter.live--;
        dispose();
      };
      return classifier;
    },
  };
}

/** Broken variants of the centroid plugin, each breaking one part of the contract. */
export const broken = {
  /** predictProba returns rows summing to 1/2. */
  unnormalized: (counter: ResourceCounter) =>
    variantPlugin('unnormalized', counter, (inner) => ({
      predictProba: async (f) => (await inner.predictProba(f)).map((p) => p / 2),
    })),
  /** fit swallows its end event. */
  noEnd: (counter: ResourceCounter) =>
    variantPlugin('no-end', counter, (inner) => ({
      async *fit(train, options) {
        for await (const event of inner.fit(train, options)) {
          if (event.type !== 'end') yield event;
        }
        return undefined as never;
      },
    })),
  /** fit never passes the signal on, so aborting does nothing. */
  ignoresAbort: (counter: ResourceCounter) =>
    variantPlugin('ignores-abort', counter, (inner) => ({
      fit: (train, options) => inner.fit(train, { ...options, signal: undefined as never }),
    })),
  /** fit drops the held-out evaluations it was asked for. */
  noEvaluation: (counter: ResourceCounter) =>
    variantPlugin('no-evaluation', counter, (inner) => ({
      async *fit(train) {
        const fit = inner.fit(train, {});
        let next = await fit.next();
        while (!next.done) {
          yield next.value satisfies TrainingEvent;
          next = await fit.next();
        }
        return next.value;
      },
    })),
  /** predict returns the next class after the most probable one. */
  offByOne: (counter: ResourceCounter) =>
    variantPlugin('off-by-one', counter, (inner) => ({
      predict: async (f) => (await inner.predict(f)).map((c) => (c + 1) % 3),
    })),
  /** score reports the fraction of wrong predictions. */
  invertedScore: (counter: ResourceCounter) =>
    variantPlugin('inverted-score', counter, (inner) => ({
      score: async (data) => 1 - (await inner.score(data)),
    })),
  /** predict takes a resource it never gives back. */
  leaky: (counter: ResourceCounter) =>
    variantPlugin('leaky', counter, (inner, c) => ({
      predict: async (f) => {
        c.live++;
        return inner.predict(f);
      },
    })),
  /** predict skips input validation and answers class 0 for anything. */
  unvalidated: (counter: ResourceCounter) =>
    variantPlugin('unvalidated', counter, () => ({
      predict: async (f) => new Int32Array(Math.ceil(f.length / 8)),
    })),
  /** save writes the centroids in half precision-ish: rounded to one decimal. */
  lossySave: (counter: ResourceCounter) =>
    variantPlugin('lossy-save', counter, (inner) => ({
      save: async () => {
        const artifact = await inner.save();
        const bytes = artifact.files['centroids.bin'] as Uint8Array;
        const rounded = new Float32Array(bytes.slice().buffer).map((v) => Math.round(v * 10) / 10);
        return {
          ...artifact,
          plugin: 'lossy-save',
          files: { 'centroids.bin': new Uint8Array(rounded.buffer) },
        };
      },
    })),
};

/** A plugin whose options schema accepts anything at all. */
export function permissivePlugin(): ClassifierPlugin {
  return { ...centroidPlugin(), name: 'permissive', options: z.any() } as ClassifierPlugin;
}
