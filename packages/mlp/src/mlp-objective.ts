import { type SoftmaxRowsResult, softmaxResidualRows } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import {
  type MlpShape,
  type ParameterOffsets,
  parameterOffsets,
  weightsFromParameters,
} from './mlp-parameters.js';
import { assembleObjective, type ObjectiveEvaluation } from './objective-terms.js';
import { predictClasses } from './predict-rows.js';
import { reluBackward } from './relu-backward.js';
import { forwardRows, type WeightTensors, withWeightTensors } from './weight-tensors.js';

/** Rows per block of a full-batch evaluation: large blocks amortize per-kernel overhead. */
export const OBJECTIVE_CHUNK_ROWS = 10_000;

/** What `MlpObjective` needs: the training set and the network's sizes. */
export interface MlpObjectiveData extends MlpShape {
  /** n×d row-major. */
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly numSamples: number;
  /** L2 strength (scikit-learn's alpha). */
  readonly alpha: number;
  /** Rows per block of a full-batch evaluation (default OBJECTIVE_CHUNK_ROWS). */
  readonly chunkRows?: number;
}

/**
 * scikit-learn MLPClassifier's loss (see `assembleObjective`) and its gradient by backprop:
 * Z1 = XW1 + b1, H = relu(Z1), Z2 = HW2 + b2, R = softmax(Z2) − Y; dW2 = HᵀR, db2 = Σ R,
 * dH = RW2ᵀ, dZ1 = dH ⊙ [Z1 > 0], dW1 = XᵀdZ1, db1 = Σ dZ1. The matrix products run on the
 * TensorFlow.js backend in float32; the residual, the ReLU mask and every sum run in JS in float64.
 * No tensor outlives a call: each evaluation uploads its rows and weights and disposes them, so an
 * abandoned fit leaves nothing behind.
 */
export class MlpObjective {
  readonly shape: MlpShape;
  readonly numSamples: number;
  readonly alpha: number;
  private readonly offsets: ParameterOffsets;
  private readonly features: Float32Array;
  private readonly labels: Uint8Array;
  private readonly chunkRows: number;
  // Mini-batch rows are gathered here: in JS it beats a GatherV2 kernel on wasm.
  private batchRows = new Float32Array(0);
  private batchLabels = new Uint8Array(0);

  constructor(data: MlpObjectiveData) {
    this.shape = {
      numFeatures: data.numFeatures,
      hiddenUnits: data.hiddenUnits,
      numClasses: data.numClasses,
    };
    this.numSamples = data.numSamples;
    this.alpha = data.alpha;
    this.offsets = parameterOffsets(this.shape);
    this.features = data.features;
    this.labels = data.labels;
    this.chunkRows = data.chunkRows ?? OBJECTIVE_CHUNK_ROWS;
  }

  /** Full-batch value, gradient and correctly classified training samples at x. */
  evaluate(x: Float64Array): ObjectiveEvaluation {
    const d = this.shape.numFeatures;
    const n = this.numSamples;
    const gradientSums = new Float64Array(this.offsets.length);
    let lossSum = 0;
    let correct = 0;
    withWeightTensors(weightsFromParameters(x, this.shape), (t) => {
      for (let first = 0; first < n; first += this.chunkRows) {
        const rows = Math.min(this.chunkRows, n - first);
        const block = this.accumulate(
          t,
          this.features.subarray(first * d, (first + rows) * d),
          this.labels.subarray(first, first + rows),
          gradientSums,
        );
        lossSum += block.lossSum;
        correct += block.correct;
      }
    });
    return assembleObjective(
      x,
      { lossSum, gradientSums, correct, rows: n },
      this.shape,
      this.alpha,
    );
  }

  /** Value and gradient on the samples in `batch` (penalty scaled by the batch size). */
  evaluateBatch(x: Float64Array, batch: Uint32Array): ObjectiveEvaluation {
    const d = this.shape.numFeatures;
    const size = batch.length;
    if (this.batchLabels.length !== size) {
      this.batchRows = new Float32Array(size * d);
      this.batchLabels = new Uint8Array(size);
    }
    const rows = this.batchRows;
    const labels = this.batchLabels;
    for (let r = 0; r < size; r++) {
      const i = batch[r] as number;
      rows.set(this.features.subarray(i * d, (i + 1) * d), r * d);
      labels[r] = this.labels[i] as number;
    }
    const gradientSums = new Float64Array(this.offsets.length);
    const { lossSum, correct } = withWeightTensors(weightsFromParameters(x, this.shape), (t) =>
      this.accumulate(t, rows, labels, gradientSums),
    );
    return assembleObjective(
      x,
      { lossSum, gradientSums, correct, rows: size },
      this.shape,
      this.alpha,
    );
  }

  /** Training samples classified correctly at x (a forward pass only). */
  countCorrect(x: Float64Array): number {
    const predictions = predictClasses(weightsFromParameters(x, this.shape), this.features);
    let correct = 0;
    for (let i = 0; i < predictions.length; i++) if (predictions[i] === this.labels[i]) correct++;
    return correct;
  }

  /** Forward and backward pass over one block of rows, adding its data gradient into `sums`. */
  private accumulate(
    t: WeightTensors,
    rows: Float32Array,
    labels: Uint8Array,
    sums: Float64Array,
  ): { lossSum: number; correct: number } {
    const { numFeatures: d, hiddenUnits: h, numClasses: k } = this.shape;
    const o = this.offsets;
    const count = labels.length;
    let block: SoftmaxRowsResult | undefined;
    tf.tidy(() => {
      const x = tf.tensor2d(rows, [count, d]);
      const { hidden, logits } = forwardRows(t, x);
      const residual = new Float32Array(count * k);
      block = softmaxResidualRows(
        logits.dataSync(),
        labels,
        k,
        residual,
        sums.subarray(o.bias2, o.length),
      );
      const r = tf.tensor2d(residual, [count, k]);
      const kernel2Sums = tf.matMul(hidden, r, true, false);
      const hiddenGradient = tf.matMul(r, t.kernel2, false, true);
      const dz = new Float32Array(count * h);
      reluBackward(
        hiddenGradient.dataSync(),
        hidden.dataSync(),
        h,
        dz,
        sums.subarray(o.bias1, o.kernel2),
      );
      // On wasm, transposing X and multiplying plainly beats both matMul(X, dZ1, transposeA) and
      // (dZ1ᵀX)ᵀ, whose kernel packs the large X as its right operand (measured, README).
      const kernel1Sums = tf.matMul(tf.transpose(x), tf.tensor2d(dz, [count, h]));
      addInto(sums, o.kernel1, kernel1Sums.dataSync());
      addInto(sums, o.kernel2, kernel2Sums.dataSync());
    });
    return block as SoftmaxRowsResult;
  }
}

function addInto(target: Float64Array, offset: number, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    target[offset + i] = (target[offset + i] as number) + (values[i] as number);
  }
}
