import { describe, expect, it } from 'vitest';
import { datasetFromArrays } from './dataset-from-arrays.js';
import { DatasetError } from './errors.js';

const base = {
  name: 'gen',
  split: 'train',
  features: new Float32Array(6),
  labels: new Uint8Array([0, 2, 1]),
  imageShape: [2],
};

describe('datasetFromArrays', () => {
  it('derives counts and numeric class names, and freezes the result', () => {
    const ds = datasetFromArrays(base);
    expect(ds.numSamples).toBe(3);
    expect(ds.numFeatures).toBe(2);
    expect(ds.numClasses).toBe(3);
    expect(ds.classNames).toEqual(['0', '1', '2']);
    expect(ds.preprocessing).toEqual([]);
    expect(Object.isFrozen(ds)).toBe(true);
  });

  it('takes numClasses from classNames, allowing classes with no samples', () => {
    const ds = datasetFromArrays({ ...base, classNames: ['a', 'b', 'c', 'd'] });
    expect(ds.numClasses).toBe(4);
    expect(datasetFromArrays({ ...base, numClasses: 10 }).classNames[9]).toBe('9');
  });

  it.each([
    [
      { features: new Float32Array(5) },
      /expected 3 labels × 2 features = 6 feature values, found 5/,
    ],
    [{ labels: new Uint8Array(0), features: new Float32Array(0) }, /expected at least one sample/],
    [{ numClasses: 2 }, /label 2 at index 1 is outside \[0, 2\)/],
    [{ classNames: ['a'], numClasses: 2 }, /numClasses 2 disagrees with the 1 classNames/],
    [{ imageShape: [0] }, /expected imageShape to be positive integers, found \[0\]/],
    [
      { features: [0, 0, 0, 0, 0, 0] as unknown as Float32Array },
      /expected features to be a Float32Array, found Array/,
    ],
    [
      { labels: new Int32Array(3) as unknown as Uint8Array },
      /expected labels to be a Uint8Array, found Int32Array/,
    ],
    [{ name: '' }, /expected a non-empty name/],
    [
      {
        preprocessing: [
          { kind: 'standardize', mean: new Float32Array(2), std: new Float32Array(3) },
        ],
      },
      /preprocessing\[0\] \(standardize\): expected std to be a Float32Array of 2 values \(one per feature\), found 3 values/,
    ],
  ] as const)('rejects %o', (override, message) => {
    expect(() => datasetFromArrays({ ...base, ...override })).toThrow(DatasetError);
    expect(() => datasetFromArrays({ ...base, ...override })).toThrow(message);
  });

  it('names the dataset in its messages', () => {
    expect(() => datasetFromArrays({ ...base, numClasses: 1 })).toThrow(/^dataset gen\/train: /);
  });
});
