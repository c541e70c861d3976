import { describeClass, indicesByClass } from './class-indices.js';
import type { Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { checkSeed, createRng, shuffleInPlace } from './random.js';
import { subset } from './subset.js';

/** The rows stratifiedSubsample picks: exactly perClass per class, no repeats, ascending. */
export function stratifiedSubsampleIndices(
  ds: Dataset,
  perClass: number,
  seed: number,
): Uint32Array {
  checkSeed(seed, 'stratifiedSubsample');
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new DatasetError(
      `stratifiedSubsample: expected perClass to be a positive integer, found ${perClass}`,
    );
  }
  const groups = indicesByClass(ds);
  groups.forEach((group, label) => {
    if (group.length < perClass) {
      throw new DatasetError(
        `stratifiedSubsample of ${ds.name}/${ds.split}: ${describeClass(ds, label)} has ${group.length} samples, fewer than the ${perClass} requested per class`,
      );
    }
  });
  const rng = createRng(seed);
  const picked = new Uint32Array(perClass * ds.numClasses);
  groups.forEach((group, label) => {
    shuffleInPlace(group, rng, perClass);
    picked.set(group.subarray(0, perClass), label * perClass);
  });
  // Ascending order keeps the source's row order; shuffle afterwards if a random order is wanted.
  return picked.sort();
}

/** A copy holding exactly perClass randomly chosen samples of every class (seeded, no repeats). */
export function stratifiedSubsample(ds: Dataset, perClass: number, seed: number): Dataset {
  return subset(ds, stratifiedSubsampleIndices(ds, perClass, seed));
}
