import { datasetFromArrays } from '@digitlab/datasets';
import { describe, expect, it } from 'vitest';
import { pickMistakes } from './pick-mistakes.js';

/** Six 2×2 test images whose pixels are their row index, labelled 0 0 1 1 2 2. */
function testSet(imageShape: readonly number[] = [2, 2]) {
  const features = new Float32Array(6 * 4);
  for (let i = 0; i < 6; i++) features.fill(i, i * 4, (i + 1) * 4);
  return datasetFromArrays({
    name: 'toy',
    split: 'test',
    features,
    labels: Uint8Array.from([0, 0, 1, 1, 2, 2]),
    imageShape,
    numClasses: 3,
    classNames: ['a', 'b', 'c'],
  });
}

const evaluation = (predictions: number[]) => ({
  step: 7,
  predictions: Int32Array.from(predictions),
  labels: Uint8Array.from([0, 0, 1, 1, 2, 2]),
  numClasses: 3,
  accuracy: 0,
  elapsedMs: 1,
});

describe('pickMistakes', () => {
  it('takes the true classes in turn, each in test order, with a copy of the pixels', () => {
    // Wrong: 0 (0→1), 1 (0→2), 2 (1→0), 4 (2→1); right: 3 and 5.
    const test = testSet();
    const sample = pickMistakes(evaluation([1, 2, 0, 1, 1, 2]), test, 3);
    expect(sample).toMatchObject({ step: 7, wrong: 4, total: 6, shape: [2, 2] });
    expect(sample.mistakes.map((m) => [m.index, m.trueClass, m.predictedClass])).toEqual([
      [0, 0, 1],
      [2, 1, 0],
      [4, 2, 1],
    ]);
    expect([...(sample.mistakes[1]?.pixels ?? [])]).toEqual([2, 2, 2, 2]);
    expect(sample.mistakes[1]?.pixels?.buffer).not.toBe(test.features.buffer);
  });

  it('fills the limit from classes with more mistakes once the others run out', () => {
    const sample = pickMistakes(evaluation([1, 2, 0, 1, 1, 2]), testSet(), 10);
    expect(sample.mistakes.map((m) => m.index)).toEqual([0, 2, 4, 1]);
  });

  it('sends no pixels when the samples are not 2-D images, and nothing when all are right', () => {
    const flat = pickMistakes(evaluation([1, 0, 1, 1, 2, 2]), testSet([4]));
    expect(flat.shape).toBeUndefined();
    expect(flat.mistakes).toEqual([{ index: 0, trueClass: 0, predictedClass: 1 }]);
    expect(pickMistakes(evaluation([0, 0, 1, 1, 2, 2]), testSet()).mistakes).toEqual([]);
  });

  it('refuses predictions that are not the test set’s', () => {
    expect(() =>
      pickMistakes({ ...evaluation([0]), labels: Uint8Array.from([0]) }, testSet()),
    ).toThrow(/expected 6 predictions and labels \(the test set\), found 1 and 1/);
  });
});
