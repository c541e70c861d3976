import type { NeighbourBatch } from './nearest-neighbours.js';
import { neighbourBatches } from './neighbour-batches.js';
import type { NeighbourIndex } from './neighbour-index.js';
import type { KnnOptions } from './options.js';
import { projectionNeighbours } from './projection-neighbours.js';
import { resolveAlgorithm } from './resolve-algorithm.js';
import { argmaxLowest, neighbourVotes } from './vote.js';

/** The k nearest training samples of each query, nearest first. */
export interface Neighbours {
  readonly k: number;
  /** numQueries × k training-row indices, row-major. */
  readonly indices: Int32Array;
  /** numQueries × k Euclidean distances, ascending along each row. */
  readonly distances: Float32Array;
}

/** Class probabilities, numRows × numClasses row-major: the neighbours' (weighted) vote fractions. */
export async function voteFractions(
  index: NeighbourIndex,
  features: Float32Array,
  options: KnnOptions,
): Promise<Float32Array> {
  const c = index.numClasses;
  const out = new Float32Array((features.length / index.numFeatures) * c);
  await vote(index, features, options, (row, votes) => out.set(votes, row * c));
  return out;
}

/** The class with the most (weighted) votes; ties go to the smallest class index. */
export async function classify(
  index: NeighbourIndex,
  features: Float32Array,
  options: KnnOptions,
): Promise<Int32Array> {
  const out = new Int32Array(features.length / index.numFeatures);
  await vote(index, features, options, (row, votes) => {
    out[row] = argmaxLowest(votes);
  });
  return out;
}

/** The k nearest training samples of each row and their Euclidean distances, nearest first. */
export async function kneighbors(
  index: NeighbourIndex,
  features: Float32Array,
  options: KnnOptions,
): Promise<Neighbours> {
  const { k } = options;
  const n = features.length / index.numFeatures;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const order = Array.from({ length: k }, (_, j) => j);
  for await (const batch of neighbours(index, features, options, true)) {
    const sq = batch.sqDistances as Float32Array | Float64Array;
    for (let r = 0; r < batch.rows; r++) {
      const at = (j: number) => r * k + j;
      // Exact distances decide the order; equal ones keep the lower training row first.
      order.sort(
        (a, b) =>
          (sq[at(a)] as number) - (sq[at(b)] as number) ||
          (batch.indices[at(a)] as number) - (batch.indices[at(b)] as number),
      );
      const row = batch.start + r;
      order.forEach((j, rank) => {
        indices[row * k + rank] = batch.indices[at(j)] as number;
        distances[row * k + rank] = Math.sqrt(Math.max(0, sq[at(j)] as number));
      });
    }
  }
  return { k, indices, distances };
}

async function vote(
  index: NeighbourIndex,
  features: Float32Array,
  options: KnnOptions,
  onRow: (row: number, votes: Float64Array) => void,
): Promise<void> {
  const { k, weights } = options;
  const votes = new Float64Array(index.numClasses);
  const labels = new Uint8Array(k);
  const withDistances = weights === 'distance';
  for await (const batch of neighbours(index, features, options, withDistances)) {
    for (let r = 0; r < batch.rows; r++) {
      for (let j = 0; j < k; j++)
        labels[j] = index.labels[batch.indices[r * k + j] as number] as number;
      neighbourVotes(labels, batch.sqDistances?.subarray(r * k, (r + 1) * k), weights, votes);
      onRow(batch.start + r, votes);
    }
  }
}

/** The k nearest rows of every query, batch by batch, by the classifier's search. */
async function* neighbours(
  index: NeighbourIndex,
  features: Float32Array,
  options: KnnOptions,
  withDistances: boolean,
): AsyncGenerator<NeighbourBatch, void, undefined> {
  if (resolveAlgorithm(options, index.numFeatures) === 'projection') {
    yield await projectionNeighbours(index, features, options, withDistances);
  } else {
    yield* neighbourBatches(index, features, { ...options, withDistances });
  }
}
