import type { ClassifierPlugin } from '@digitlab/core';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from './session-events.js';
import { imageSplits, recordedSession } from './test-support/recorded-session.js';
import { gradientDescentPlugin } from './testing/gradient-descent-plugin.js';
import { toySplits } from './testing/toy-splits.js';
import type { TrainingSessionConfig } from './training-session.js';

/** A clock that only moves when the test says so. */
const stoppedClock = () => ({ now: () => 0 });

const session = (extra: Partial<TrainingSessionConfig>, maxIter = 12) =>
  recordedSession({ maxIter }, { loadData: async () => imageSplits(), ...extra });

const stepsOf = (events: SessionEvent[], type: 'evaluated' | 'images' | 'mistakes') =>
  events.flatMap((e) =>
    e.type === 'evaluated' && type === 'evaluated'
      ? [e.summary.step]
      : e.type === 'images' && type === 'images'
        ? [e.images.step]
        : e.type === 'mistakes' && type === 'mistakes'
          ? [e.sample.step]
          : [],
  );

describe('TrainingSession live images', () => {
  it('sends the model’s images and the mistakes right after each evaluation when not throttled', async () => {
    const { s, events } = session({ liveImages: { minIntervalMs: 0, clock: stoppedClock() } });
    const { test } = await s.run();
    expect(stepsOf(events, 'images')).toEqual([5, 10, 12]);
    expect(stepsOf(events, 'mistakes')).toEqual([5, 10, 12]);
    const types = events.map((e) => e.type);
    const evaluated = types.indexOf('evaluated');
    expect(types.slice(evaluated, evaluated + 3)).toEqual(['evaluated', 'images', 'mistakes']);

    const images = events.findLast((e) => e.type === 'images');
    const set = images?.type === 'images' ? images.images.sets[0] : undefined;
    expect(set).toMatchObject({ name: 'coefficients', scale: 'diverging', shape: [3, 4] });
    expect(set?.images.map((i) => i.label)).toEqual(test.classNames);
    expect(set?.images[0]?.values).toHaveLength(12);

    const last = events.findLast((e) => e.type === 'mistakes');
    const sample = last?.type === 'mistakes' ? last.sample : undefined;
    const summary = events.findLast((e) => e.type === 'evaluated');
    const wrong =
      summary?.type === 'evaluated' ? summary.summary.total * (1 - summary.summary.accuracy) : -1;
    expect(sample?.wrong).toBeCloseTo(wrong, 6);
    expect(sample?.shape).toEqual([3, 4]);
    for (const m of sample?.mistakes ?? []) {
      expect(m.trueClass).toBe(test.labels[m.index]);
      expect(m.predictedClass).not.toBe(m.trueClass);
      expect([...(m.pixels ?? [])]).toEqual([
        ...test.features.slice(m.index * 12, m.index * 12 + 12),
      ]);
    }
    s.dispose();
  });

  it('takes images at most once per interval while training, and always of the final model', async () => {
    // The clock never moves: after the first take, no interval ever passes.
    const { s, events } = session(
      { liveImages: { minIntervalMs: 1000, clock: stoppedClock() } },
      22,
    );
    await s.run();
    expect(stepsOf(events, 'evaluated')).toEqual([5, 10, 15, 20, 22]);
    expect(stepsOf(events, 'images')).toEqual([5, 22]);
    expect(stepsOf(events, 'mistakes')).toEqual([5, 22]);
    // The final model's images come before the finished event.
    expect(events.at(-1)?.type).toBe('finished');
    s.dispose();
  });

  it('sends nothing unless asked for', async () => {
    const { s, events } = session({});
    await s.run();
    expect(events.some((e) => e.type === 'images' || e.type === 'mistakes')).toBe(false);
    s.dispose();
  });

  it('sends empty image sets for a model with nothing image-shaped, and says why inspect failed', async () => {
    const flat = session({
      liveImages: { minIntervalMs: 0, clock: stoppedClock() },
      loadData: async () => toySplits(10, 10, 12),
    });
    await flat.s.run();
    const sent = flat.events.flatMap((e) => (e.type === 'images' ? [e.images] : []));
    expect(sent.map((i) => i.sets)).toEqual([[], [], []]);
    const mistakes = flat.events.findLast((e) => e.type === 'mistakes');
    expect(mistakes?.type).toBe('mistakes');
    if (mistakes?.type === 'mistakes') {
      expect(mistakes.sample.shape).toBeUndefined();
      expect(mistakes.sample.mistakes.every((m) => m.pixels === undefined)).toBe(true);
    }
    flat.s.dispose();

    const plugin = gradientDescentPlugin() as unknown as ClassifierPlugin;
    const broken = session({
      liveImages: { minIntervalMs: 0, clock: stoppedClock() },
      plugin: {
        ...plugin,
        create(options) {
          const classifier = plugin.create(options);
          classifier.inspect = async () => {
            throw new Error('weights are on another device');
          };
          return classifier;
        },
      },
    });
    const result = await broken.s.run();
    expect(result.outcome.stopReason).toBe('max-iter');
    expect(broken.events.find((e) => e.type === 'images')).toEqual({
      type: 'images',
      images: { step: 5, sets: [], error: 'weights are on another device' },
    });
    broken.s.dispose();
  });
});
