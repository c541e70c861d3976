import { indicesByClass } from './class-indices.js';
import type { Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { checkSeed, createRng, shuffleInPlace } from './random.js';
import { subset } from './subset.js';

/** Options for stratifiedSplit. */
export interface StratifiedSplitOptions {
  /** Share of each class that goes to validation, in (0, 1). */
  readonly validationFraction: number;
  readonly seed: number;
}

/** Row indices of each side of a stratified split, ascending. */
export interface SplitIndices {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
}

/** The rows stratifiedSplit puts on each side: round(fraction × count) of every class to validation. */
export function stratifiedSplitIndices(ds: Dataset, options: StratifiedSplitOptions): SplitIndices {
  const { validationFraction, seed } = options;
  checkSeed(seed, 'stratifiedSplit');
  if (!(validationFraction > 0 && validationFraction < 1)) {
    throw new DatasetError(
      `stratifiedSplit: expected validationFraction in (0, 1), found ${validationFraction}`,
    );
  }
  const rng = createRng(seed);
  const groups = indicesByClass(ds);
  const sizes = groups.map((group) => Math.round(group.length * validationFraction));
  const validationSize = sizes.reduce((a, b) => a + b, 0);
  if (validationSize === 0 || validationSize === ds.numSamples) {
    throw new DatasetError(
      `stratifiedSplit of ${ds.name}/${ds.split}: validationFraction ${validationFraction} of ${ds.numSamples} samples leaves the ${validationSize === 0 ? 'validation' : 'train'} side empty; expected both sides non-empty`,
    );
  }
  const validation = new Uint32Array(validationSize);
  const train = new Uint32Array(ds.numSamples - validationSize);
  let v = 0;
  let t = 0;
  groups.forEach((group, label) => {
    const size = sizes[label]!;
    shuffleInPlace(group, rng, size);
    validation.set(group.subarray(0, size), v);
    train.set(group.subarray(size), t);
    v += size;
    t += group.length - size;
  });
  return { train: train.sort(), validation: validation.sort() };
}

/** Splits off a validation set that keeps each class's proportion (seeded, disjoint, covering every row). */
export function stratifiedSplit(
  ds: Dataset,
  options: StratifiedSplitOptions,
): { train: Dataset; validation: Dataset } {
  const indices = stratifiedSplitIndices(ds, options);
  return {
    train: subset(ds, indices.train),
    validation: subset(ds, indices.validation, { split: 'validation' }),
  };
}
