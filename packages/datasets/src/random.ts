import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { DatasetError } from './errors.js';

/** Throws unless seed is a safe integer, naming the operation that needed it. */
export function checkSeed(
  seed: unknown,
  operation: string,
  field = 'seed',
): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new DatasetError(
      `${operation}: expected ${field} to be an integer, found ${String(seed)}`,
    );
  }
}

/**
 * A generator for (seed, stream): each stream, e.g. an epoch number, gets its own sequence in O(1),
 * where jumping ahead once per epoch would cost O(epoch).
 */
export function createRng(seed: number, stream = 0): RandomGenerator {
  const low = seed | 0;
  const high = Math.floor(seed / 0x100000000) | 0;
  const rng = xoroshiro128plusFromState([stream ^ 0x6a09e667, ~low, low ^ high, ~stream]);
  // The first outputs of a xoroshiro state built from small words are weakly mixed.
  for (let i = 0; i < 16; i++) rng.next();
  return rng;
}

/**
 * Partial Fisher–Yates: afterwards the first `count` entries are a uniform random sample of the
 * array's entries in random order (count = length shuffles it completely).
 */
export function shuffleInPlace(
  values: Uint32Array,
  rng: RandomGenerator,
  count = values.length,
): void {
  const n = values.length;
  const stop = Math.min(count, n - 1);
  for (let i = 0; i < stop; i++) {
    const j = uniformInt(rng, i, n - 1);
    const held = values[i]!;
    values[i] = values[j]!;
    values[j] = held;
  }
}

/** 0..n-1 in a seeded random order. */
export function permutation(n: number, rng: RandomGenerator): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, rng);
  return order;
}
