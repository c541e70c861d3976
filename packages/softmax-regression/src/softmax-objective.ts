import { ClassifierInputError } from '@digitlab/core';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from './backend.js';
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
export type DataLayout = 'transposed-copy' | 'transpose-a';

/** The layout measured fastest on each backend. */
export function layoutFor(backend: BackendName): DataLayout {
  return backend === 'wasm' ? 'transposed-copy' : 'transpose-a';
}

/** What `SoftmaxObjective.create` needs. */
export interface SoftmaxObjectiveData {
  /** n×d row-major. */
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  /** Inverse regularization strength. */
  readonly C: number;
  readonly layout: DataLayout;
}

/**
 * scikit-learn's multinomial logistic loss on a training set held as tensors for a whole fit:
 * f(W, b) = (1/n) Σᵢ −log softmax(xᵢW + b)[yᵢ] + ‖W‖² / (2·C·n), the intercept unpenalized.
 * Parameters arrive as float64 vectors [W (d×k), b (k)]; the data terms run in float32 tensors,
 * the penalty and the final sums in float64.
 */
export class SoftmaxObjective {
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly C: number;
  private readonly x: tf.Tensor2D;
  private readonly xT: tf.Tensor2D | undefined;
  private readonly y: tf.Tensor2D;
  private readonly labels: tf.Tensor1D;
  // Kept (not copied) for mini-batches: gathering rows in JS beats GatherV2 (16 ms for 200×784 on wasm).
  private readonly features: Float32Array;
  private readonly labelValues: Uint8Array;
  private disposed = false;

  private constructor(data: SoftmaxObjectiveData) {
    const { features, labels, numSamples: n, numFeatures: d, numClasses: k } = data;
    this.numSamples = n;
    this.numFeatures = d;
    this.numClasses = k;
    this.C = data.C;
    this.features = features;
    this.labelValues = labels;
    const tensors = tf.tidy(() => {
      const x = tf.tensor2d(features, [n, d], 'float32');
      const labelTensor = tf.tensor1d(Int32Array.from(labels), 'int32');
      const y = tf.cast(tf.oneHot(labelTensor, k), 'float32') as tf.Tensor2D;
      const xT = data.layout === 'transposed-copy' ? tf.transpose(x) : undefined;
      return { x, xT, y, labelTensor };
    });
    this.x = tensors.x;
    this.xT = tensors.xT;
    this.y = tensors.y;
    this.labels = tensors.labelTensor;
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
    const [losses, gradKernel, gradBias, correct] = tf.tidy(() => {
      const logits = this.logits(this.x, x);
      const { losses, residual } = this.lossAndResidual(logits, this.y);
      const gradKernel = this.xT
        ? tf.matMul(this.xT, residual)
        : tf.matMul(this.x, residual, true, false);
      const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), this.labels), 'int32'));
      return [losses, gradKernel, tf.sum(residual, 0), correct];
    });
    try {
      return this.collect(losses, gradKernel, gradBias, this.numSamples, correct);
    } finally {
      tf.dispose([losses, gradKernel, gradBias, correct]);
    }
  }

  /** Mean loss over the samples in `batch` plus the full penalty, and its gradient. */
  evaluateBatch(x: Float64Array, batch: Uint32Array): { value: number; gradient: Float64Array } {
    this.assertLive('evaluateBatch');
    const { numFeatures: d, numClasses: k } = this;
    const size = batch.length;
    const rows = new Float32Array(size * d);
    const oneHot = new Float32Array(size * k);
    for (let r = 0; r < size; r++) {
      const i = batch[r] as number;
      rows.set(this.features.subarray(i * d, (i + 1) * d), r * d);
      oneHot[r * k + (this.labelValues[i] as number)] = 1;
    }
    // Same layout choice as the full batch: a transposed copy (made in JS, cheaper than a kernel).
    let columns: Float32Array | undefined;
    if (this.xT) {
      columns = new Float32Array(size * d);
      for (let r = 0; r < size; r++) {
        for (let j = 0; j < d; j++) columns[j * size + r] = rows[r * d + j] as number;
      }
    }
    const [losses, gradKernel, gradBias] = tf.tidy(() => {
      const xb = tf.tensor2d(rows, [size, d]);
      const yb = tf.tensor2d(oneHot, [size, k]);
      const { losses, residual } = this.lossAndResidual(this.logits(xb, x), yb);
      const gradKernel = columns
        ? tf.matMul(tf.tensor2d(columns, [d, size]), residual)
        : tf.matMul(xb, residual, true, false);
      return [losses, gradKernel, tf.sum(residual, 0)];
    });
    try {
      return assembleObjective(x, this.collect(losses, gradKernel, gradBias, size), this);
    } finally {
      tf.dispose([losses, gradKernel, gradBias]);
    }
  }

  /** Fraction of training samples classified correctly at x (a forward pass only). */
  accuracy(x: Float64Array): number {
    this.assertLive('accuracy');
    const correct = tf.tidy(() =>
      tf.sum(tf.cast(tf.equal(tf.argMax(this.logits(this.x, x), 1), this.labels), 'int32')),
    );
    try {
      return ((correct.dataSync() as Int32Array)[0] as number) / this.numSamples;
    } finally {
      correct.dispose();
    }
  }

  /** Release the training tensors; idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.x, this.y, this.labels]);
    if (this.xT) this.xT.dispose();
  }

  private logits(features: tf.Tensor2D, x: Float64Array): tf.Tensor2D {
    const d = this.numFeatures;
    const k = this.numClasses;
    const kernel = tf.tensor2d(new Float32Array(x.subarray(0, d * k)), [d, k]);
    const bias = tf.tensor1d(new Float32Array(x.subarray(d * k, d * k + k)));
    return tf.add(tf.matMul(features, kernel), bias);
  }

  /** Per-sample cross-entropy via log-sum-exp, and P − Y (the logits' gradient times n). */
  private lossAndResidual(
    logits: tf.Tensor2D,
    y: tf.Tensor2D,
  ): { losses: tf.Tensor1D; residual: tf.Tensor2D } {
    const shifted = tf.sub(logits, tf.max(logits, 1, true));
    const logProbabilities = tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), 1, true)));
    const losses = tf.neg(tf.sum(tf.mul(logProbabilities, y), 1)) as tf.Tensor1D;
    const residual = tf.sub(tf.exp(logProbabilities), y) as tf.Tensor2D;
    return { losses, residual };
  }

  /** Read the tensors back: per-row losses summed in float64, gradient sums [kernel, bias]. */
  private collect(
    losses: tf.Tensor,
    gradKernel: tf.Tensor,
    gradBias: tf.Tensor,
    rows: number,
    correct?: tf.Tensor,
  ): ObjectiveSums {
    const dk = this.numFeatures * this.numClasses;
    const gradientSums = new Float32Array(dk + this.numClasses);
    gradientSums.set(gradKernel.dataSync() as Float32Array, 0);
    gradientSums.set(gradBias.dataSync() as Float32Array, dk);
    const lossValues = losses.dataSync() as Float32Array;
    let lossSum = 0;
    for (let i = 0; i < lossValues.length; i++) lossSum += lossValues[i] as number;
    return {
      lossSum,
      gradientSums,
      correct: correct ? ((correct.dataSync() as Int32Array)[0] as number) : 0,
      rows,
    };
  }

  private assertLive(operation: string): void {
    if (this.disposed) {
      throw new ClassifierInputError(
        `SoftmaxObjective.${operation}: expected live training tensors, found them released by dispose()`,
      );
    }
  }
}
