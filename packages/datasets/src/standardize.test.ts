import { describe, expect, it } from 'vitest';
import { datasetFromArrays } from './dataset-from-arrays.js';
import { applyPreprocessing, scaleStep } from './preprocessing.js';
import { fitStandardize, standardize } from './standardize.js';

// Raw pixels of two features: feature 0 varies, feature 1 is constant in train.
function split(name: string, rows: number[][]) {
  const raw = Uint8Array.from(rows.flat());
  const steps = [scaleStep()];
  return {
    raw,
    ds: datasetFromArrays({
      name: 'toy',
      split: name,
      features: applyPreprocessing(raw, 2, steps),
      labels: new Uint8Array(rows.length),
      imageShape: [2],
      numClasses: 1,
      preprocessing: steps,
    }),
  };
}

function columnMean(features: Float32Array, numFeatures: number, j: number): number {
  let sum = 0;
  for (let i = j; i < features.length; i += numFeatures) sum += features[i]!;
  return sum / (features.length / numFeatures);
}

describe('standardize', () => {
  const train = split('train', [
    [0, 9],
    [51, 9],
    [102, 9],
    [153, 9],
  ]);
  const test = split('test', [
    [204, 9],
    [255, 18],
  ]);

  it('fits mean and population std on train', () => {
    const step = fitStandardize(train.ds);
    expect(step.mean[0]).toBeCloseTo(76.5 / 255, 6);
    expect(step.std[0]).toBeCloseTo(Math.sqrt(((76.5 ** 2 + 25.5 ** 2) * 2) / 4) / 255, 6);
    expect(step.std[1]).toBe(0);
  });

  it('gives train zero mean and unit std, but leaves test where train statistics put it', () => {
    const out = standardize(train.ds, test.ds);
    expect(columnMean(out.train.features, 2, 0)).toBeCloseTo(0, 6);
    let squares = 0;
    for (let i = 0; i < out.train.features.length; i += 2) squares += out.train.features[i]! ** 2;
    expect(squares / 4).toBeCloseTo(1, 5);
    // Test values lie above train's range, so their standardized mean stays well above 0.
    expect(columnMean(out.test.features, 2, 0)).toBeGreaterThan(1.5);
    // A constant train feature is only centred (std 0 treated as 1): test's 18 becomes 9/255.
    expect(out.train.features[1]).toBe(0);
    expect(out.test.features[3]).toBeCloseTo(9 / 255, 6);
  });

  it('records one shared step, so applyPreprocessing on raw pixels reproduces both splits', () => {
    const out = standardize(train.ds, test.ds);
    expect(out.train.preprocessing).toHaveLength(2);
    expect(out.test.preprocessing[1]).toBe(out.train.preprocessing[1]);
    expect(applyPreprocessing(test.raw, 2, out.test.preprocessing)).toEqual(out.test.features);
    expect(applyPreprocessing(train.raw, 2, out.train.preprocessing)).toEqual(out.train.features);
  });

  it('leaves its inputs unchanged and rejects mismatched widths', () => {
    const before = [...test.ds.features];
    standardize(train.ds, test.ds);
    expect([...test.ds.features]).toEqual(before);
    const wide = datasetFromArrays({
      name: 'toy',
      split: 'test',
      features: new Float32Array(3),
      labels: new Uint8Array(1),
      imageShape: [3],
    });
    expect(() => standardize(train.ds, wide)).toThrow(
      /expected toy\/test to have the 2 features of toy\/train, found 3/,
    );
  });
});
