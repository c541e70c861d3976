import { ClassifierInputError } from '@digitlab/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Weighting } from './options.js';

/** Part of a training set indexed on the active backend: its features transposed and their norms. */
export interface IndexBlock {
  /** numFeatures × rows: transposed once so each query batch is a plain Q·Xᵀ product. */
  readonly featuresT: tf.Tensor2D;
  /** 1 × rows: ‖x‖² of each row, computed once. */
  readonly sqNorms: tf.Tensor2D;
}

/** Upload `rows` rows of `numFeatures` features (row-major) and precompute their squared norms. */
export function indexBlock(features: Float32Array, rows: number, numFeatures: number): IndexBlock {
  return tf.tidy(() => {
    // A copy: the cpu backend would otherwise keep a view of the caller's array.
    const x = tf.tensor2d(features.slice(0, rows * numFeatures), [rows, numFeatures]);
    return {
      featuresT: tf.transpose(x),
      sqNorms: tf.reshape(tf.sum(tf.square(x), 1), [1, rows]) as tf.Tensor2D,
    };
  });
}

/** Release a block's tensors. */
export function disposeBlock(block: IndexBlock): void {
  block.featuresT.dispose();
  block.sqNorms.dispose();
}

/**
 * A training set on a TensorFlow.js backend, ready for batched distance queries: the features as
 * one transposed tensor (XNNPACK multiplies by a pre-transposed matrix about ten times faster than
 * with `transposeB`), their squared norms, and the labels in plain memory for the vote. The
 * tensors are built on first use, so a step of a fit that nobody queries costs no copy, and a
 * loaded model lands on the backend its classifier activates before querying.
 */
export class NeighbourIndex {
  private built: IndexBlock | undefined;
  private released = false;

  private constructor(
    private build: (() => IndexBlock) | undefined,
    readonly labels: Uint8Array,
    readonly numClasses: number,
    readonly numFeatures: number,
    /** k and weights saved with these rows (knn.json), when the index was loaded. */
    readonly saved?: { readonly k: number; readonly weights: Weighting },
  ) {}

  /** An index over the rows of `blocks`, in order; the blocks must outlive its first use. */
  static fromBlocks(
    blocks: readonly IndexBlock[],
    labels: Uint8Array,
    numClasses: number,
  ): NeighbourIndex {
    const rows = blocks.reduce((sum, b) => sum + b.featuresT.shape[1], 0);
    if (rows !== labels.length) {
      throw new RangeError(
        `NeighbourIndex: expected one label per indexed row (${rows}), found ${labels.length}`,
      );
    }
    const concat = (part: (b: IndexBlock) => tf.Tensor2D) =>
      tf.concat(blocks.map(part), 1) as tf.Tensor2D;
    const build = () =>
      tf.tidy(() => ({ featuresT: concat((b) => b.featuresT), sqNorms: concat((b) => b.sqNorms) }));
    return new NeighbourIndex(build, labels, numClasses, blocks[0]?.featuresT.shape[0] ?? 0);
  }

  /** An index over row-major `features`, uploaded to the backend active at its first use. */
  static fromRows(
    features: Float32Array,
    numFeatures: number,
    labels: Uint8Array,
    numClasses: number,
    saved?: NeighbourIndex['saved'],
  ): NeighbourIndex {
    const build = () => indexBlock(features, labels.length, numFeatures);
    return new NeighbourIndex(build, labels, numClasses, numFeatures, saved);
  }

  get numSamples(): number {
    return this.labels.length;
  }

  /** Whether the index is live and its tensors not built yet. */
  get pending(): boolean {
    return this.build !== undefined;
  }

  /** The tensors, built on the active backend at the first call (never call it in `tf.tidy`). */
  tensors(): IndexBlock {
    if (this.released) {
      throw new ClassifierInputError(
        'expected a live knn model, found one released: its classifier was disposed or refitted while in use',
      );
    }
    if (this.build) {
      this.built = this.build();
      this.build = undefined;
    }
    return this.built as IndexBlock;
  }

  /** The indexed features back as numSamples × numFeatures row-major values. */
  rows(): Float32Array {
    const x = tf.transpose(this.tensors().featuresT);
    try {
      return x.dataSync() as Float32Array;
    } finally {
      x.dispose();
    }
  }

  dispose(): void {
    this.released = true;
    this.build = undefined;
    if (this.built) disposeBlock(this.built);
    this.built = undefined;
  }
}
