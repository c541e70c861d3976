import { describe, expect, it } from 'vitest';
import { reluBackward } from './relu-backward.js';

describe('reluBackward', () => {
  it('passes the gradient where the unit was active and sums the columns', () => {
    // Two rows, three units; H = relu(Z1) is 0 where Z1 ≤ 0.
    const hidden = Float32Array.of(0.5, 0, 2, 0, 0, 1e-30);
    const gradient = Float32Array.of(1, 2, 3, 4, 5, 6);
    const out = new Float32Array(6).fill(99);
    const sums = Float64Array.of(1, 1, 1);
    reluBackward(gradient, hidden, 3, out, sums);
    expect(Array.from(out)).toEqual([1, 0, 3, 0, 0, 6]);
    expect(Array.from(sums)).toEqual([2, 1, 10]);
  });
});
