import { describe, expect, it } from 'vitest';
import { colourBarValues } from './image-grid-spec.js';

describe('colourBarValues', () => {
  it.each([
    [-1.81, 1.81, [-1.81, -1, 0, 1, 1.81]],
    [0, 0.967, [0, 0.2, 0.4, 0.6, 0.8, 0.967]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-0.003, 0.003, [-0.003, -0.002, 0, 0.002, 0.003]],
  ])('labels [%s, %s] at its limits and the round values between them', (lo, hi, values) => {
    expect(colourBarValues(lo, hi)).toEqual(values);
  });
});
