import { ClassifierInputError } from '@digitlab/core';
import { softmaxResidualRows } from '@digitlab/tfjs-backend/browser';
import * as tf from '@tensorflow/tfjs-core';
import { activeColumns, compactRows, selectRows } from './active-columns.js';
import type { LocalObjective, ObjectiveData } from './gradient-objective.js';
import {
  assembleObjective,
  type ObjectiveEvaluation,
  type ObjectiveSums,
} from './objective-sums.js';

export type { ObjectiveEvaluation } from './objective-sums.js';

/**
 * How the backward pass Xᵀ(P − Y) reads X. On wasm, `matMul(X, D, transposeA)` is about 8× slower
 * than `matMul(Xᵀ, D)` on a copy transposed once per fit; on cpu both cost the same, so cpu skips
 * the copy and its memory (see README, "Data layout").
 */
export type DenseLayout = 'transposed-copy' | 'transpose-a';

/** The layout measured fastest on each backend. */
export function denseLayoutFor(backend: string): DenseLayout {
  return backend === 'wasm' ? 'transposed-copy' : 'transpose-a';
}

/** What `SoftmaxObjective.create` needs. */
export interface SoftmaxObjectiveData extends ObjectiveData {
  readonly layout: DenseLayout;
}

/**
 * scikit-learn's multinomial logistic loss on a training set held as tensors for a whole fit:
 * f(W, b) = (1/n) Σᵢ −log softmax(xᵢW + b)[yᵢ] + ‖W‖² / (2·C·n), the intercept unpenalized.
 * Parameters arrive as float64 vectors [W (d×k), b (k)]. The two matrix products run on the
 * backend in float32; softmax, loss and residual run in float64 in JS (`softmaxResidualRows`),
 * which is both more precise and faster than a dozen elementwise kernels on n×k tensors.
 */
export class SoftmaxObjective implements LocalObjective {
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly C: number;
  private readonly layout: DenseLayout;
  // The whole training set as tensors, built on first full-batch use: mini-batch solvers that never
  // need it (until their final check) do not pay for it up front.
  private full: { readonly x: tf.Tensor2D; readonly xT: tf.Tensor2D | undefined } | undefined;
  // Kept (not copied) for mini-batches: gathering rows in JS beats GatherV2 (16 ms for 200×784 on wasm).
  private readonly features: Float32Array;
  private readonly labels: Uint8Array;
  // Columns that are nonzero somewhere; the tensors hold only these (see active-columns.ts).
  private readonly active: Int32Array | undefined;
  private disposed = false;

  private constructor(data: SoftmaxObjectiveData) {
    const { features, labels, numSamples: n, numFeatures: d } = data;
    this.numSamples = n;
    this.numFeatures = d;
    this.numClasses = data.numClasses;
    this.C = data.C;
    this.features = features;
    this.labels = labels;
    this.layout = data.layout;
    this.active = activeColumns(features, n, d);
  }

  /** The training set's tensors, uploaded (and transposed, per layout) on first use. */
  private tensors(): { readonly x: tf.Tensor2D; readonly xT: tf.Tensor2D | undefined } {
    if (!this.full) {
      const { numSamples: n, numFeatures: d, active } = this;
      const held = active ? compactRows(this.features, d, active, n) : this.features;
      const x = tf.tensor2d(held, [n, active?.length ?? d], 'float32');
      this.full = { x, xT: this.layout === 'transposed-copy' ? tf.transpose(x) : undefined };
    }
    return this.full;
  }

  /** Copy the training data into tensors (the caller must `dispose` them). */
  static create(data: SoftmaxObjectiveData): SoftmaxObjective {
    return new SoftmaxObjective(data);
  }

  /** Full-batch value, gradient and training accuracy at x. */
  evaluate(x: Float64Array): ObjectiveEvaluation {
    this.assertLive('evaluate');
    return assembleObjective(x, this.sums(x), this);
  }

  /** The unscaled data sums at x over every row held (a shard's contribution). */
  sums(x: Float64Array): ObjectiveSums {
    this.assertLive('sums');
    const { x: features, xT } = this.tensors();
    return this.sumsOver(features, xT, this.labels, x);
  }

  /** Mean loss over the samples in `batch` plus the full penalty, and its gradient. */
  evaluateBatch(x: Float64Array, batch: Uint32Array): ObjectiveEvaluation {
    this.assertLive('evaluateBatch');
    const d = this.numFeatures;
    const size = batch.length;
    const labels = new Uint8Array(size);
    for (let r = 0; r < size; r++) labels[r] = this.labels[batch[r] as number] as number;
    let rows: Float32Array;
    if (this.active) {
      rows = compactRows(this.features, d, this.active, batch);
    } else {
      rows = new Float32Array(size * d);
      for (let r = 0; r < size; r++) {
        const i = batch[r] as number;
        rows.set(this.features.subarray(i * d, (i + 1) * d), r * d);
      }
    }
    const xb = tf.tensor2d(rows, [size, rows.length / size]);
    // Same layout choice as the full batch; the transpose kernel beats a JS transpose here.
    const xbT = this.layout === 'transposed-copy' ? tf.transpose(xb) : undefined;
    try {
      return assembleObjective(x, this.sumsOver(xb, xbT, labels, x), this);
    } finally {
      xb.dispose();
      xbT?.dispose();
    }
  }

  /** Fraction of training samples classified correctly at x (a forward pass only). */
  accuracy(x: Float64Array): number {
    this.assertLive('accuracy');
    const logits = this.readLogits(this.tensors().x, x);
    const { correct } = softmaxResidualRows(
      logits,
      this.labels,
      this.numClasses,
      logits,
      new Float64Array(this.numClasses),
    );
    return correct / this.numSamples;
  }

  /** Release the training tensors; idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.full?.x.dispose();
    this.full?.xT?.dispose();
  }

  private sumsOver(
    features: tf.Tensor2D,
    featuresT: tf.Tensor2D | undefined,
    labels: Uint8Array,
    x: Float64Array,
  ): ObjectiveSums {
    const k = this.numClasses;
    const dk = this.numFeatures * k;
    const rows = features.shape[0];
    const residual = this.readLogits(features, x);
    const biasSums = new Float64Array(k);
    const { lossSum, correct } = softmaxResidualRows(residual, labels, k, residual, biasSums);
    const kernelSums = tf.tidy(() => {
      const r = tf.tensor2d(residual, [rows, k]);
      return featuresT ? tf.matMul(featuresT, r) : tf.matMul(features, r, true, false);
    });
    const gradientSums = new Float64Array(dk + k);
    try {
      const sums = kernelSums.dataSync() as Float32Array;
      if (this.active) {
        // Inactive columns' rows of the data gradient are exactly zero: leave them at 0.
        this.active.forEach((column, a) => {
          gradientSums.set(sums.subarray(a * k, (a + 1) * k), column * k);
        });
      } else {
        gradientSums.set(sums, 0);
      }
    } finally {
      kernelSums.dispose();
    }
    gradientSums.set(biasSums, dk);
    return { lossSum, gradientSums, correct, rows };
  }

  /** XW + b read back as a fresh row-major array (safe to overwrite). */
  private readLogits(features: tf.Tensor2D, x: Float64Array): Float32Array {
    const d = this.numFeatures;
    const k = this.numClasses;
    const logits = tf.tidy(() => {
      const kernel = this.active
        ? tf.tensor2d(selectRows(x, k, this.active), [this.active.length, k])
        : tf.tensor2d(new Float32Array(x.subarray(0, d * k)), [d, k]);
      const bias = tf.tensor1d(new Float32Array(x.subarray(d * k, d * k + k)));
      return tf.add(tf.matMul(features, kernel), bias);
    });
    try {
      // Copied: the cpu backend hands out its own storage, which the caller will overwrite.
      return Float32Array.from(logits.dataSync() as Float32Array);
    } finally {
      logits.dispose();
    }
  }

  private assertLive(operation: string): void {
    if (this.disposed) {
      throw new ClassifierInputError(
        `SoftmaxObjective.${operation}: expected live training tensors, found them released by dispose()`,
      );
    }
  }
}
