import { describe, expect, it } from 'vitest';
import { camelCase, kebabCase } from './kebab-case.js';

describe('option names as flags', () => {
  it('turns camelCase options into kebab-case flags and back', () => {
    for (const [camel, kebab] of [
      ['maxIter', 'max-iter'],
      ['learningRate', 'learning-rate'],
      ['trainAccuracyEvery', 'train-accuracy-every'],
      ['tol', 'tol'],
    ] as const) {
      expect(kebabCase(camel)).toBe(kebab);
      expect(camelCase(kebab)).toBe(camel);
    }
  });

  it("keeps all-capital names such as scikit-learn's C", () => {
    expect(kebabCase('C')).toBe('C');
  });
});
