import { FASHION_MNIST_CLASS_NAMES } from '@digitlab/datasets';
import { describe, expect, it } from 'vitest';
import { classLabel, longestClassName } from './class-label.js';

describe('class labels', () => {
  it('keeps short names and cuts long ones to the width', () => {
    expect(classLabel('7', 4)).toBe('7');
    expect(classLabel('Ankle boot', 4)).toBe('Ankl');
    expect(classLabel('T-shirt/top', 7)).toBe('T-shir…');
  });

  it('keeps the ten Fashion-MNIST names distinct at four characters', () => {
    const short = FASHION_MNIST_CLASS_NAMES.map((n) => classLabel(n, 4));
    expect(new Set(short).size).toBe(10);
    expect(longestClassName(FASHION_MNIST_CLASS_NAMES)).toBe(11);
  });
});
