import { describeClass } from './class-indices.js';
import type { Dataset } from './dataset.js';
import { DatasetError } from './errors.js';
import { checkSeed } from './random.js';
import { seededRandom } from './seeded-random.js';

/** Options for stratifiedKFold. */
export interface StratifiedKFoldOptions {
  /** Number of folds, at least 2 and at most the size of the smallest class present. */
  readonly folds: number;
  /** Shuffle each class's fold labels (scikit-learn's `shuffle=True`; the order is ours). */
  readonly shuffle?: boolean;
  /** Seed of the shuffle; default 0. */
  readonly seed?: number;
}

/** Row indices of one fold: the rows held out (`test`) and the rest (`train`), ascending. */
export interface FoldIndices {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * The test fold of every row, as scikit-learn's `StratifiedKFold(n_splits=folds)._make_test_folds`
 * assigns it (without shuffle, identical): classes are numbered by first appearance; the labels
 * sorted by that number are dealt round robin to the folds, which fixes how many rows of each class
 * each fold holds; each class's rows then go, in row order, to fold 0's share, fold 1's, and so on.
 * With `shuffle`, each class's sequence of fold numbers is shuffled (seeded) before it is handed out.
 */
export function stratifiedFoldAssignment(ds: Dataset, options: StratifiedKFoldOptions): Int32Array {
  const { folds: k, shuffle = false, seed = 0 } = options;
  const where = `stratifiedKFold of ${ds.name}/${ds.split}`;
  if (!Number.isInteger(k) || k < 2) {
    throw new DatasetError(`${where}: expected folds to be an integer ≥ 2, found ${k}`);
  }
  if (shuffle) checkSeed(seed, 'stratifiedKFold');
  const { labels, numSamples: n } = ds;
  // Classes by order of first appearance, as scikit-learn encodes them.
  const code = new Int32Array(ds.numClasses).fill(-1);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (code[label] === -1) code[label] = order.push(label) - 1;
  }
  const counts = new Array<number>(order.length).fill(0);
  for (let i = 0; i < n; i++) counts[code[labels[i]!]!]!++;
  let smallest = 0;
  // The smallest class, the lowest label on ties.
  counts.forEach((count, c) => {
    const least = counts[smallest]!;
    if (count < least || (count === least && order[c]! < order[smallest]!)) smallest = c;
  });
  if (order.length === 0 || counts[smallest]! < k) {
    const found =
      order.length === 0
        ? 'no samples'
        : `${describeClass(ds, order[smallest]!)} with ${counts[smallest]} sample${counts[smallest] === 1 ? '' : 's'} (class counts: ${order
            .map((label, c) => [label, counts[c]] as const)
            .sort(([a], [b]) => a - b)
            .map(([label, count]) => `${label}: ${count}`)
            .join(', ')})`;
    throw new DatasetError(
      `${where}: expected at least ${k} samples in every class for ${k} folds, found ${found}; use fewer folds or more data`,
    );
  }
  const random = shuffle ? seededRandom(seed) : undefined;
  // Class c fills positions [start, start + count) of the sorted labels; fold f takes the
  // positions p with p mod k = f.
  const sequences: Int32Array[] = [];
  let start = 0;
  for (const count of counts) {
    const sequence = new Int32Array(count);
    let filled = 0;
    for (let f = 0; f < k; f++) {
      const share = positionsInResidue(start, start + count, f, k);
      sequence.fill(f, filled, filled + share);
      filled += share;
    }
    if (random) shuffleFolds(sequence, random);
    sequences.push(sequence);
    start += count;
  }
  const assignment = new Int32Array(n);
  const next = new Int32Array(order.length);
  for (let i = 0; i < n; i++) {
    const c = code[labels[i]!]!;
    assignment[i] = sequences[c]![next[c]!++]!;
  }
  return assignment;
}

/** The train and test rows of each of `options.folds` stratified folds (see stratifiedFoldAssignment). */
export function stratifiedKFold(ds: Dataset, options: StratifiedKFoldOptions): FoldIndices[] {
  const assignment = stratifiedFoldAssignment(ds, options);
  return foldsOf(assignment, options.folds);
}

/** The train and test rows of each fold, from the fold number of every row. */
export function foldsOf(assignment: ArrayLike<number>, folds: number): FoldIndices[] {
  const sizes = new Array<number>(folds).fill(0);
  for (let i = 0; i < assignment.length; i++) sizes[assignment[i]!]!++;
  return sizes.map((size, f) => {
    const test = new Uint32Array(size);
    const train = new Uint32Array(assignment.length - size);
    let t = 0;
    let r = 0;
    for (let i = 0; i < assignment.length; i++) {
      if (assignment[i] === f) test[t++] = i;
      else train[r++] = i;
    }
    return { train, test };
  });
}

/** How many integers p in [from, to) have p mod k = residue. */
function positionsInResidue(from: number, to: number, residue: number, k: number): number {
  const below = (end: number) => Math.floor((end - residue + k - 1) / k);
  return below(to) - below(from);
}

/** Fisher–Yates with `random` in [0, 1). */
function shuffleFolds(values: Int32Array, random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = values[i]!;
    values[i] = values[j]!;
    values[j] = held;
  }
}
