import { ClassifierInputError } from '@digitlab/core';
import type { LocalObjective, ObjectiveData } from '../gradient-objective.js';
import {
  assembleObjective,
  type ObjectiveEvaluation,
  type ObjectiveSums,
} from '../objective-sums.js';
import { BLOCK_ROWS, type RowList, SoftmaxKernel } from './softmax-kernel.js';

/** What `SparseSoftmaxObjective.create` needs: the features are compressed on creation, not kept. */
export type SparseObjectiveData = ObjectiveData;

/**
 * scikit-learn's multinomial logistic loss (see SoftmaxObjective) over the training set held as
 * compressed sparse rows in the WebAssembly SIMD kernel: per block of rows, logits XW + b, softmax
 * and residual P − Y in float32 SIMD, then Xᵀ(P − Y) into a float64 total; loss terms and bias
 * sums are added in float64. Both data passes skip zeros, so their cost follows the nonzero count,
 * not n·d.
 */
export class SparseSoftmaxObjective implements LocalObjective {
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly C: number;
  /** Share of the training matrix's entries that are not zero. */
  readonly density: number;
  private readonly labels: Uint8Array;
  private kernel: SoftmaxKernel | undefined;

  private constructor(data: SparseObjectiveData) {
    this.numSamples = data.numSamples;
    this.numFeatures = data.numFeatures;
    this.numClasses = data.numClasses;
    this.C = data.C;
    this.labels = data.labels;
    const kernel = SoftmaxKernel.fromMatrix(
      data.features,
      data.labels,
      data.numSamples,
      data.numFeatures,
      data.numClasses,
    );
    this.density = kernel.nonzeros / (data.numSamples * data.numFeatures);
    this.kernel = kernel;
  }

  /** Compress the training data into a kernel instance (the caller must `dispose` it). */
  static create(data: SparseObjectiveData): SparseSoftmaxObjective {
    return new SparseSoftmaxObjective(data);
  }

  /** Full-batch value, gradient and training accuracy at x. */
  evaluate(x: Float64Array): ObjectiveEvaluation {
    return assembleObjective(x, this.sums(x), this);
  }

  /** The unscaled data sums at x over every row held (a shard's contribution). */
  sums(x: Float64Array): ObjectiveSums {
    return this.sumsOver(this.live('sums'), x, 'all', this.numSamples);
  }

  /** Mean loss over the samples in `batch` plus the full penalty, and its gradient. */
  evaluateBatch(x: Float64Array, batch: Uint32Array): ObjectiveEvaluation {
    const kernel = this.live('evaluateBatch');
    kernel.stageBatch(batch);
    return assembleObjective(x, this.sumsOver(kernel, x, 'batch', batch.length), this);
  }

  /** Fraction of training samples classified correctly at x (a forward pass only). */
  accuracy(x: Float64Array): number {
    const kernel = this.live('accuracy');
    const { numClasses: k, numSamples: n } = this;
    kernel.setParameters(x);
    let correct = 0;
    for (let first = 0; first < n; first += BLOCK_ROWS) {
      const count = Math.min(BLOCK_ROWS, n - first);
      const logits = kernel.logits('all', first, count);
      for (let r = 0, row = 0; r < count; r++, row += kernel.stride) {
        let best = 0;
        for (let c = 1; c < k; c++) {
          if ((logits[row + c] as number) > (logits[row + best] as number)) best = c;
        }
        if (best === this.labels[first + r]) correct++;
      }
    }
    return correct / n;
  }

  /** Release the kernel's memory; idempotent. */
  dispose(): void {
    this.kernel = undefined;
  }

  private sumsOver(
    kernel: SoftmaxKernel,
    x: Float64Array,
    list: RowList,
    rows: number,
  ): ObjectiveSums {
    const { numFeatures: d, numClasses: k } = this;
    kernel.setParameters(x);
    let lossSum = 0;
    let correct = 0;
    for (let first = 0; first < rows; first += BLOCK_ROWS) {
      const count = Math.min(BLOCK_ROWS, rows - first);
      kernel.logits(list, first, count);
      const block = kernel.softmax(list, first, count);
      lossSum += block.lossSum;
      correct += block.correct;
      kernel.accumulate(list, first, count);
    }
    const gradientSums = new Float64Array(d * k + k);
    kernel.takeGradient(gradientSums);
    return { lossSum, gradientSums, correct, rows };
  }

  private live(operation: string): SoftmaxKernel {
    if (!this.kernel) {
      throw new ClassifierInputError(
        `SparseSoftmaxObjective.${operation}: expected a live training set, found it released by dispose()`,
      );
    }
    return this.kernel;
  }
}
