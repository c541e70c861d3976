import { describe, expect, it } from 'vitest';
import { glorotBound, glorotUniformParameters } from './glorot-uniform.js';
import { parameterOffsets } from './mlp-parameters.js';

const shape = { numFeatures: 300, hiddenUnits: 100, numClasses: 10 };

describe('glorotUniformParameters (scikit-learn MLP initialization)', () => {
  it('draws every kernel and bias of a layer uniformly in ±√(6/(fan_in + fan_out))', () => {
    const x = glorotUniformParameters(shape, 0);
    const o = parameterOffsets(shape);
    const blocks = [
      { from: o.kernel1, to: o.bias1, bound: Math.sqrt(6 / 400) },
      { from: o.bias1, to: o.kernel2, bound: Math.sqrt(6 / 400) },
      { from: o.kernel2, to: o.bias2, bound: Math.sqrt(6 / 110) },
      { from: o.bias2, to: o.length, bound: Math.sqrt(6 / 110) },
    ];
    for (const { from, to, bound } of blocks) {
      const values = Array.from(x.subarray(from, to));
      expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(bound);
      // The biases are random too (scikit-learn), not zero (Keras).
      expect(new Set(values).size).toBe(values.length);
    }
    expect(glorotBound(300, 100)).toBeCloseTo(Math.sqrt(6 / 400), 15);
    // 30,000 draws of U(−b, b): mean ≈ 0 and variance ≈ b²/3 within a few standard errors.
    const w1 = Array.from(x.subarray(o.kernel1, o.bias1));
    const b = Math.sqrt(6 / 400);
    const mean = w1.reduce((s, v) => s + v, 0) / w1.length;
    const variance = w1.reduce((s, v) => s + (v - mean) ** 2, 0) / w1.length;
    expect(Math.abs(mean)).toBeLessThan(0.03 * b);
    expect(variance / ((b * b) / 3)).toBeGreaterThan(0.97);
    expect(variance / ((b * b) / 3)).toBeLessThan(1.03);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const a = glorotUniformParameters(shape, 7);
    expect(Array.from(glorotUniformParameters(shape, 7))).toEqual(Array.from(a));
    const other = glorotUniformParameters(shape, 8);
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === other[i]) same++;
    expect(same).toBe(0);
  });
});
