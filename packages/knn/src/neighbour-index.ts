import { ClassifierInputError } from '@digitlab/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Weighting } from './options.js';
import { projectionIndexData } from './projection/projection-index.js';
import { ProjectionSearch, type SearchWorkers } from './projection/projection-search.js';
import type { ProjectionIndexData } from './projection/search-kernel.js';

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
 * A training set ready for neighbour queries: its labels in plain memory for the vote, and the
 * rows for either search, each built on first use: for `brute`, one transposed tensor of the
 * features (XNNPACK multiplies by a pre-transposed matrix about ten times faster than with
 * `transposeB`) and their squared norms, on the backend active at that moment; for `projection`,
 * the rows compressed with a principal basis (`ProjectionIndexData`) and the search kernels over
 * them, on worker threads. A step of a fit that nobody queries so costs no copy.
 */
export class NeighbourIndex {
  private built: IndexBlock | undefined;
  private search: Promise<ProjectionSearch> | undefined;
  private released = false;

  private constructor(
    private build: (() => IndexBlock) | undefined,
    private source: () => Float32Array,
    private projectionData: ProjectionIndexData | undefined,
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
    const d = blocks[0]?.featuresT.shape[0] ?? 0;
    const index: NeighbourIndex = new NeighbourIndex(
      build,
      () => readBack(index.tensors()),
      undefined,
      labels,
      numClasses,
      d,
    );
    return index;
  }

  /**
   * An index over row-major `features` (kept as given, not copied: see `ownRows`), uploaded to the
   * backend active at its first brute query, or compressed at its first projection query.
   */
  static fromRows(
    features: Float32Array,
    numFeatures: number,
    labels: Uint8Array,
    numClasses: number,
    saved?: NeighbourIndex['saved'],
  ): NeighbourIndex {
    const build = () => indexBlock(features, labels.length, numFeatures);
    return new NeighbourIndex(
      build,
      () => features,
      undefined,
      labels,
      numClasses,
      numFeatures,
      saved,
    );
  }

  /**
   * An index over rows already compressed for the projection search; `workers`, when given, are
   * started search workers its search is then built in (the index owns them from here on).
   */
  static fromProjection(
    data: ProjectionIndexData,
    labels: Uint8Array,
    numClasses: number,
    workers?: SearchWorkers,
  ): NeighbourIndex {
    const d = data.numFeatures;
    const build = () => indexBlock(decompress(data), labels.length, d);
    const index = new NeighbourIndex(build, () => decompress(data), data, labels, numClasses, d);
    if (workers) index.search = ProjectionSearch.start(data, workers);
    return index;
  }

  get numSamples(): number {
    return this.labels.length;
  }

  /** Whether the index is live and its tensors not built yet. */
  get pending(): boolean {
    return this.build !== undefined;
  }

  /** Copy rows held by reference (`fromRows`), so the index no longer depends on the caller's array. */
  ownRows(): void {
    if (this.projectionData || this.built) return;
    const rows = this.source().slice(0, this.numSamples * this.numFeatures);
    this.source = () => rows;
    this.build = () => indexBlock(rows, this.numSamples, this.numFeatures);
  }

  /** The tensors, built on the active backend at the first call (never call it in `tf.tidy`). */
  tensors(): IndexBlock {
    this.checkLive();
    if (this.build) {
      this.built = this.build();
      this.build = undefined;
    }
    return this.built as IndexBlock;
  }

  /** The rows compressed with their principal basis, built at the first call. */
  projection(): ProjectionIndexData {
    this.checkLive();
    this.projectionData ??= projectionIndexData(this.source(), this.numSamples, this.numFeatures);
    return this.projectionData;
  }

  /** The projection search over this index, its kernels started at the first call (`workers` threads, or this one). */
  projectionSearch(workers: number): Promise<ProjectionSearch> {
    this.checkLive();
    this.search ??= ProjectionSearch.start(this.projection(), workers);
    return this.search;
  }

  /** The indexed features back as numSamples × numFeatures row-major values. */
  rows(): Float32Array {
    this.checkLive();
    return this.source();
  }

  dispose(): void {
    this.released = true;
    this.build = undefined;
    if (this.built) disposeBlock(this.built);
    this.built = undefined;
    const search = this.search;
    this.search = undefined;
    // Workers stop in the background; a search still running fails with WorkerError.
    search?.then((s) => s.dispose()).catch(() => undefined);
  }

  private checkLive(): void {
    if (this.released) {
      throw new ClassifierInputError(
        'expected a live knn model, found one released: its classifier was disposed or refitted while in use',
      );
    }
  }
}

function readBack(block: IndexBlock): Float32Array {
  const x = tf.transpose(block.featuresT);
  try {
    return x.dataSync() as Float32Array;
  } finally {
    x.dispose();
  }
}

/** Dense row-major rows from their compressed form (left-out entries are +0). */
function decompress(data: ProjectionIndexData): Float32Array {
  const { numRows: n, numFeatures: d, rowStart, cols, vals } = data;
  const out = new Float32Array(n * d);
  for (let j = 0; j < n; j++) {
    for (let p = rowStart[j] as number; p < (rowStart[j + 1] as number); p++)
      out[j * d + (cols[p] as number)] = vals[p] as number;
  }
  return out;
}
