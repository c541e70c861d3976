import * as tf from '@tensorflow/tfjs-core';
import type { NeighbourIndex } from './neighbour-index.js';

/** The k nearest training rows of each query in a batch, row-major b × k. */
export interface NeighbourBatch {
  /** Row of the batch's first query in the whole query set. */
  readonly start: number;
  readonly rows: number;
  /** Training row indices, nearest first as far as the squared-distance expansion can tell. */
  readonly indices: Int32Array;
  /** Squared distances ‖q − x‖² computed directly (not by expansion); present when asked for. */
  readonly sqDistances: Float32Array | Float64Array | undefined;
}

/**
 * The k nearest neighbours of `rows` queries: squared distances ‖q‖² − 2·q·x + ‖x‖² for all training
 * rows at once (one matrix product), `tf.topk` of their negation, then — for distance weighting —
 * the k chosen distances recomputed as ‖q − x‖², because the expansion cancels catastrophically
 * for near-duplicates and an exact match must come out as exactly 0.
 */
export function nearestNeighbours(
  index: NeighbourIndex,
  queries: Float32Array,
  start: number,
  rows: number,
  k: number,
  withDistances: boolean,
): NeighbourBatch {
  const d = index.numFeatures;
  const { featuresT, sqNorms } = index.tensors();
  const q = tf.tensor2d(queries.subarray(start * d, (start + rows) * d), [rows, d]);
  try {
    const negated = tf.tidy(() => {
      const twoCross = tf.matMul(tf.mul(q, 2), featuresT);
      const qNorms = tf.sum(tf.square(q), 1, true);
      return tf.sub(tf.sub(twoCross, sqNorms), qNorms);
    });
    const top = tf.topk(negated, k);
    negated.dispose();
    top.values.dispose();
    const { indices } = top;
    try {
      const neighbourRows = indices.dataSync() as Int32Array;
      if (!withDistances) return { start, rows, indices: neighbourRows, sqDistances: undefined };
      const sq = tf.tidy(() => {
        const chosen = tf.gather(featuresT, tf.reshape(indices, [-1]), 1);
        const neighbours = tf.reshape(tf.transpose(chosen), [rows, k, d]);
        return tf.sum(tf.square(tf.sub(neighbours, tf.expandDims(q, 1))), 2);
      });
      try {
        return {
          start,
          rows,
          indices: neighbourRows,
          sqDistances: sq.dataSync() as Float32Array,
        };
      } finally {
        sq.dispose();
      }
    } finally {
      indices.dispose();
    }
  } finally {
    q.dispose();
  }
}
