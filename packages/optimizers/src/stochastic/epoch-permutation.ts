import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * The sample order of each epoch. Epoch e uses the xoroshiro128+ stream seeded with `seed` and
 * jumped e times (2⁶⁴ draws apart), so its permutation depends only on (seed, e): a resumed run
 * shuffles exactly as the uninterrupted one.
 */
export class EpochShuffler {
  private base: JumpableRandomGenerator;
  private baseEpoch = 0;

  constructor(
    readonly seed: number,
    readonly numSamples: number,
  ) {
    this.base = xoroshiro128plus(seed);
  }

  /** Writes the permutation of 0 … numSamples − 1 for `epoch` (0-based) into `out`. */
  permutation(epoch: number, out: Uint32Array): Uint32Array {
    if (epoch < this.baseEpoch) {
      this.base = xoroshiro128plus(this.seed);
      this.baseEpoch = 0;
    }
    while (this.baseEpoch < epoch) {
      this.base.jump();
      this.baseEpoch++;
    }
    const rng = this.base.clone();
    const n = this.numSamples;
    for (let i = 0; i < n; i++) out[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = uniformInt(rng, 0, i);
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }
}

/** The permutation of 0 … numSamples − 1 used in epoch `epoch` (0-based) for `seed`. */
export function epochPermutation(seed: number, epoch: number, numSamples: number): Uint32Array {
  return new EpochShuffler(seed, numSamples).permutation(epoch, new Uint32Array(numSamples));
}
