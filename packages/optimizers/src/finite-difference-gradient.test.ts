import { describe, expect, it } from 'vitest';
import { finiteDifferenceGradient } from './finite-difference-gradient.js';

describe('finiteDifferenceGradient', () => {
  it('matches an analytic gradient and leaves x as it was', () => {
    // f(x) = x₀²·x₁ + sin(x₂), ∇f = (2x₀x₁, x₀², cos x₂)
    const f = (x: Float64Array) => x[0]! ** 2 * x[1]! + Math.sin(x[2]!);
    const x = Float64Array.of(1.5, -2, 0.3);
    const gradient = finiteDifferenceGradient(f, x);
    const expected = [2 * 1.5 * -2, 1.5 ** 2, Math.cos(0.3)];
    for (let i = 0; i < 3; i++) expect(gradient[i]).toBeCloseTo(expected[i]!, 7);
    expect(Array.from(x)).toEqual([1.5, -2, 0.3]);
  });
});
