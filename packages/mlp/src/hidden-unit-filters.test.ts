import { describe, expect, it } from 'vitest';
import { hiddenUnitFilters } from './hidden-unit-filters.js';
import type { MlpWeights } from './mlp-parameters.js';

// d = 4 inputs (a 2 × 2 image), h = 3 hidden units, k = 2 classes. Kernels are row-major.
const weights: MlpWeights = {
  numFeatures: 4,
  hiddenUnits: 3,
  numClasses: 2,
  // Column j is unit j's filter: unit 0 = [1, 0, 0, 0], unit 1 = [0, 2, 0, -2], unit 2 = [3, 0, 0, 0].
  kernel1: Float32Array.from([1, 0, 3, 0, 2, 0, 0, 0, 0, 0, -2, 0]),
  bias1: new Float32Array(3),
  // Outgoing norms: unit 0 → 5 (3, 4); unit 1 → 1 (1, 0); unit 2 → 1 (0, 1).
  kernel2: Float32Array.from([3, 4, 1, 0, 0, 1]),
  bias2: new Float32Array(2),
};

describe('hidden-unit filters', () => {
  it('orders units by |incoming| · |outgoing| and reads each unit’s column as its image', () => {
    // Scores: unit 0 = 1 · 5 = 5; unit 1 = √8 · 1 ≈ 2.83; unit 2 = 3 · 1 = 3.
    const set = hiddenUnitFilters(weights, [2, 2]);
    expect(set).toMatchObject({ name: 'hidden-unit-filters', scale: 'diverging', shape: [2, 2] });
    expect(set.images.map((image) => image.label)).toEqual(['unit 0', 'unit 2', 'unit 1']);
    expect(Array.from(set.images[0]?.values ?? [])).toEqual([1, 0, 0, 0]);
    expect(Array.from(set.images[2]?.values ?? [])).toEqual([0, 2, 0, -2]);
  });

  it('shows at most `count` units, and says how many in the title', () => {
    const set = hiddenUnitFilters(weights, [2, 2], 2);
    expect(set.images).toHaveLength(2);
    expect(set.title).toBe('First-layer filters of the 2 most important hidden units');
  });
});
