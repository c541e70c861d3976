import { describe, expect, it } from 'vitest';
import { ClassifierInputError } from './errors.js';
import { toyDataset } from './test-support/toy-data.js';
import { scoreDataset, validateTrainingData } from './validate-training-data.js';

describe('validateTrainingData', () => {
  it('accepts a well-formed dataset', () => {
    expect(() => validateTrainingData(toyDataset())).not.toThrow();
  });

  it.each([
    [{ numClasses: 1 }, /expected numClasses in \[2, 256\].*found 1/],
    [
      { numSamples: 0, features: new Float32Array(0), labels: new Uint8Array(0) },
      /at least 1 sample, found 0/,
    ],
    [
      { labels: Uint8Array.of(0, 1, 2, 0, 1, 7, 0, 1, 2, 0, 1, 2) },
      /labels in \[0, 3\), found 7 at sample 5/,
    ],
    [{ labels: new Uint8Array(3) }, /expected 12 rows of features and 12 labels.*found 12 and 3/],
    [{ features: new Float32Array(24).fill(Number.NaN) }, /found NaN at row 0, column 0/],
  ])('rejects %o with a message saying what was found', (change, message) => {
    const data = { ...toyDataset(4, 3, 2), ...change };
    expect(() => validateTrainingData(data)).toThrow(ClassifierInputError);
    expect(() => validateTrainingData(data)).toThrow(message);
  });

  it('applies plugin-specific minimums', () => {
    expect(() =>
      validateTrainingData(
        { ...toyDataset(), numClasses: 1, labels: new Uint8Array(12) },
        { minClasses: 1 },
      ),
    ).not.toThrow();
    expect(() => validateTrainingData(toyDataset(2, 3, 2), { minSamples: 7 })).toThrow(
      /at least 7 samples, found 6/,
    );
  });
});

describe('scoreDataset', () => {
  it('is the fraction of predictions equal to the labels', async () => {
    const data = toyDataset(2, 2, 2); // labels 0, 1, 0, 1
    expect(await scoreDataset(data, 2, async () => Int32Array.of(0, 0, 0, 1))).toBe(0.75);
  });

  it('rejects data of the wrong width before predicting', async () => {
    let called = false;
    const predict = async () => {
      called = true;
      return new Int32Array(0);
    };
    await expect(scoreDataset(toyDataset(2, 2, 3), 2, predict)).rejects.toThrow(
      /expected 2 features per sample, found 3/,
    );
    expect(called).toBe(false);
  });
});
