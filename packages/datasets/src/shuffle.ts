import type { Dataset } from './dataset.js';
import { checkSeed, createRng, permutation } from './random.js';
import { subset } from './subset.js';

/** The seeded row order that shuffle(ds, seed) uses, for callers that need the indices. */
export function shuffledIndices(numSamples: number, seed: number): Uint32Array {
  checkSeed(seed, 'shuffle');
  return permutation(numSamples, createRng(seed));
}

/** A copy of the dataset with its rows in a seeded random order. */
export function shuffle(ds: Dataset, seed: number): Dataset {
  return subset(ds, shuffledIndices(ds.numSamples, seed));
}
