import { ClassifierInputError } from '@digitlab/core';
import { describe, expect, it } from 'vitest';
import { resolveAlgorithm } from './resolve-algorithm.js';

describe('resolveAlgorithm', () => {
  it('takes the projection search for auto where its compressed rows can hold the features', () => {
    expect(resolveAlgorithm({ algorithm: 'auto' }, 784)).toBe('projection');
    expect(resolveAlgorithm({ algorithm: 'auto' }, 65_536)).toBe('projection');
    expect(resolveAlgorithm({ algorithm: 'brute' }, 784)).toBe('brute');
  });

  it('falls back to brute force beyond 65,536 features, and refuses an explicit projection there', () => {
    expect(resolveAlgorithm({ algorithm: 'auto' }, 65_537)).toBe('brute');
    expect(() => resolveAlgorithm({ algorithm: 'projection' }, 65_537)).toThrow(
      ClassifierInputError,
    );
    expect(() => resolveAlgorithm({ algorithm: 'projection' }, 65_537)).toThrow(
      "algorithm: expected data the projection search can hold, found 65537 features (its compressed rows hold at most 65536) (use algorithm 'brute')",
    );
  });
});
