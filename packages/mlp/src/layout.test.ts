import { ClassifierInputError, fitToEnd } from '@digitlab/core';
import { maxAbsDifference } from '@digitlab/core/testing';
import { type Dataset, datasetFromArrays, seededRandom } from '@digitlab/datasets';
import { useBackend } from '@digitlab/tfjs-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseLayout } from './layout.js';
import { parametersFromWeights } from './mlp-parameters.js';
import { mlp } from './plugin.js';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Two classes told apart by which half of the features light up; about `density` nonzero. */
function halves(perClass: number, d: number, density: number, seed: number): Dataset {
  const random = seededRandom(seed);
  const n = 2 * perClass;
  const features = new Float32Array(n * d);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    for (let j = 0; j < d; j++) {
      const own = j < d / 2 === (labels[i] === 0);
      if (random() < density) features[i * d + j] = own ? 0.5 + random() / 2 : random() / 4;
    }
  }
  return datasetFromArrays({
    name: 'halves',
    split: 'train',
    features,
    labels,
    imageShape: [d],
    classNames: ['first half', 'second half'],
  });
}

const shape = (d: number) => ({ numFeatures: d, hiddenUnits: 8, numClasses: 2 });

describe('chooseLayout', () => {
  it('takes the sparse kernel under auto for mostly-zero data, dense with a note otherwise', () => {
    const sparse = halves(20, 30, 0.2, 1);
    expect(chooseLayout('auto', sparse.features, 40, shape(30))).toEqual({ layout: 'sparse' });
    const dense = halves(20, 30, 0.95, 1);
    const decision = chooseLayout('auto', dense.features, 40, shape(30));
    expect(decision.layout).toBe('dense');
    expect(decision.note).toMatch(/dense layout: the data is 9\d % nonzero \(sparse up to 80 %\)/);
    expect(chooseLayout('dense', sparse.features, 40, shape(30))).toEqual({ layout: 'dense' });
    expect(chooseLayout('sparse', dense.features, 40, shape(30))).toEqual({ layout: 'sparse' });
  });

  it("refuses 'sparse' for more columns than 16-bit indices hold, and falls back under auto", () => {
    const d = 70_000;
    const features = new Float32Array(2 * d);
    expect(() => chooseLayout('sparse', features, 2, shape(d))).toThrow(ClassifierInputError);
    expect(() => chooseLayout('sparse', features, 2, shape(d))).toThrow(
      /layout 'sparse': expected data the WebAssembly kernel can hold, found that 70000 features exceed the kernel's 65536/,
    );
    expect(chooseLayout('auto', features, 2, shape(d)).layout).toBe('dense');
  });
});

describe('training in the sparse and the dense layout', () => {
  it('gives the same network from the same seed (float32 rounding apart), and says which it used', async () => {
    const data = halves(60, 24, 0.3, 4);
    const fits = [];
    for (const layout of ['sparse', 'dense'] as const) {
      const plugin = mlp({ backend: 'cpu', layout });
      const classifier = plugin.create(
        plugin.options.parse({ hiddenUnits: 12, epochs: 5, batchSize: 16 }),
      );
      let description = '';
      const result = await fitToEnd(classifier.fit(data), (e) => {
        if (e.type === 'start') description = e.description;
      });
      fits.push({ result, description, x: parametersFromWeights(classifier.getWeights()) });
      classifier.dispose();
    }
    const [sparse, dense] = fits;
    expect(sparse?.description).toMatch(/on sparse rows in the WebAssembly kernel/);
    expect(dense?.description).toMatch(/on the cpu backend/);
    expect(sparse?.result.steps).toBe(dense?.result.steps);
    expect(maxAbsDifference(sparse?.x as Float64Array, dense?.x as Float64Array)).toBeLessThan(
      1e-4,
    );
    expect(sparse?.result.objective).toBeCloseTo(dense?.result.objective as number, 5);
  });
});
