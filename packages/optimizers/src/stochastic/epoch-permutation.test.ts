import { describe, expect, it } from 'vitest';
import { EpochShuffler, epochPermutation } from './epoch-permutation.js';

describe('epochPermutation', () => {
  it('is a permutation of 0 … n − 1', () => {
    const p = epochPermutation(42, 3, 1000);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('depends only on (seed, epoch): repeatable, different across epochs and seeds', () => {
    expect(epochPermutation(7, 5, 50)).toEqual(epochPermutation(7, 5, 50));
    expect(epochPermutation(7, 5, 50)).not.toEqual(epochPermutation(7, 6, 50));
    expect(epochPermutation(7, 5, 50)).not.toEqual(epochPermutation(8, 5, 50));
  });

  it('gives the same order whatever epochs were visited before (as a resumed run does)', () => {
    const shuffler = new EpochShuffler(3, 100);
    const out = new Uint32Array(100);
    const sequential = [0, 1, 2, 3, 4].map((e) => Uint32Array.from(shuffler.permutation(e, out)));
    const jumpedBack = Uint32Array.from(shuffler.permutation(2, out));
    expect(jumpedBack).toEqual(sequential[2]);
    expect(epochPermutation(3, 4, 100)).toEqual(sequential[4]);
  });

  it('shuffles: each position holds each index about equally often', () => {
    const n = 5;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const epochs = 4000;
    const shuffler = new EpochShuffler(11, n);
    const out = new Uint32Array(n);
    for (let e = 0; e < epochs; e++) {
      shuffler.permutation(e, out);
      for (let position = 0; position < n; position++) counts[position]![out[position]!]!++;
    }
    // Expected 800 per cell; a binomial standard deviation is ≈ 25, so ±150 is a 6σ band.
    for (const row of counts)
      for (const c of row) expect(Math.abs(c - epochs / n)).toBeLessThan(150);
  });
});
