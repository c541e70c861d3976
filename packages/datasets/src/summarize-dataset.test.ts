import { describe, expect, it } from 'vitest';
import { datasetFromArrays } from './dataset-from-arrays.js';
import { scale } from './scale.js';
import { summarizeDataset } from './summarize-dataset.js';

describe('summarizeDataset', () => {
  const ds = datasetFromArrays({
    name: 'toy',
    split: 'test',
    features: new Float32Array([0, 255, 51, 102, 0, 0]),
    labels: new Uint8Array([2, 0, 2]),
    imageShape: [1, 2],
    classNames: ['a', 'b', 'c'],
  });

  it('counts samples per class and finds the feature range', () => {
    const summary = summarizeDataset(ds);
    expect(summary.classCounts).toEqual([1, 0, 2]);
    expect(summary.featureMin).toBe(0);
    expect(summary.featureMax).toBe(255);
    expect(summary.numSamples).toBe(3);
  });

  it('describes the dataset in one line, including its preprocessing', () => {
    const text = summarizeDataset(scale(ds)).text;
    expect(text).not.toContain('\n');
    expect(text).toBe(
      'toy/test: 3 samples of 1×2 (2 features), 3 classes (per class min 0, max 2), features in [0, 1], preprocessing: scale×0.003922',
    );
  });
});
