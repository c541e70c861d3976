import { describe, expect, it } from 'vitest';
import { SamplingError } from './errors.js';
import { drawTrainingSet } from './load-training-data.js';
import { toySplits } from './testing/toy-splits.js';

describe('drawTrainingSet', () => {
  const { train } = toySplits(10, 4, 3);

  it('draws a stratified, seeded subsample per class', () => {
    const drawn = drawTrainingSet(train, { kind: 'per-class', perClass: 3 }, 7);
    expect(drawn.samplingText).toBe('3/class, seed 7');
    expect(drawn.train.numSamples).toBe(12);
    const perClass = [0, 0, 0, 0];
    for (const label of drawn.train.labels) perClass[label] = (perClass[label] ?? 0) + 1;
    expect(perClass).toEqual([3, 3, 3, 3]);
    expect(drawTrainingSet(train, { kind: 'per-class', perClass: 3 }, 7).train.labels).toEqual(
      drawn.train.labels,
    );
  });

  it('draws n random samples, or keeps the full split', () => {
    const drawn = drawTrainingSet(train, { kind: 'train-size', size: 5 }, 1);
    expect(drawn).toMatchObject({ samplingText: '5 random samples, seed 1' });
    expect(drawn.train.numSamples).toBe(5);
    expect(drawTrainingSet(train, { kind: 'full' }, 0)).toEqual({
      train,
      samplingText: 'full training set',
    });
  });

  it('refuses more samples than the split holds, saying what was expected and found', () => {
    const draw = () => drawTrainingSet(train, { kind: 'train-size', size: 41 }, 0);
    expect(draw).toThrow(SamplingError);
    expect(draw).toThrow(
      "sampling.size: expected at most 40 (the size of toy's training set), found 41",
    );
  });
});
