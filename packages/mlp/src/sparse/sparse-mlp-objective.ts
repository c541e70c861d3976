import { softmaxResidualRows } from '@digitlab/tfjs-backend';
import type { MlpObjectiveData } from '../mlp-objective.js';
import type { MlpShape } from '../mlp-parameters.js';
import type { ObjectiveEvaluation } from '../objective-terms.js';
import { MLP_BLOCK_ROWS, MlpKernel, type RowList } from './mlp-kernel.js';

/**
 * scikit-learn MLPClassifier's loss and gradient (the same as `MlpObjective`, see
 * `assembleObjective`) on compressed sparse rows in the WebAssembly kernel: the products with W1
 * visit only the nonzeros (MNIST: 19 %), everything runs on this thread without tensors. Softmax,
 * loss and residuals are computed in float64 in JS, as the dense objective does.
 */
export class SparseMlpObjective {
  readonly shape: MlpShape;
  readonly numSamples: number;
  readonly alpha: number;
  private readonly kernel: MlpKernel;
  private readonly labels: Uint8Array;
  private batchLabels = new Uint8Array(0);
  private readonly logits: Float32Array;
  private readonly residual: Float32Array;
  private readonly bias2Sums: Float64Array;

  private constructor(data: MlpObjectiveData) {
    this.shape = {
      numFeatures: data.numFeatures,
      hiddenUnits: data.hiddenUnits,
      numClasses: data.numClasses,
    };
    this.numSamples = data.numSamples;
    this.alpha = data.alpha;
    this.labels = data.labels;
    this.kernel = MlpKernel.fromMatrix(data.features, data.numSamples, this.shape);
    const k = data.numClasses;
    this.logits = new Float32Array(MLP_BLOCK_ROWS * k);
    this.residual = new Float32Array(MLP_BLOCK_ROWS * k);
    this.bias2Sums = new Float64Array(k);
  }

  /** Compress the training set into a new kernel instance. */
  static create(data: MlpObjectiveData): SparseMlpObjective {
    return new SparseMlpObjective(data);
  }

  /** Full-batch value, gradient and correctly classified training samples at x. */
  evaluate(x: Float64Array): ObjectiveEvaluation {
    this.kernel.setParameters(x);
    const block = this.pass('all', this.labels);
    const result = this.assemble(block, this.numSamples);
    // A copy: callers of the full objective may keep it across calls.
    return { ...result, gradient: result.gradient.slice() };
  }

  /**
   * Value and gradient on the samples in `batch` (penalty scaled by the batch size). The gradient
   * is a view of the kernel's memory, valid until the next call (the optimizers copy it at once).
   */
  evaluateBatch(x: Float64Array, batch: Uint32Array): ObjectiveEvaluation {
    this.kernel.setParameters(x);
    this.kernel.stageBatch(batch);
    if (this.batchLabels.length !== batch.length) this.batchLabels = new Uint8Array(batch.length);
    const labels = this.batchLabels;
    for (let r = 0; r < batch.length; r++) labels[r] = this.labels[batch[r] as number] as number;
    return this.assemble(this.pass('batch', labels), batch.length);
  }

  /** Training samples classified correctly at x (a forward pass only). */
  countCorrect(x: Float64Array): number {
    this.kernel.setParameters(x);
    const { numClasses: k } = this.shape;
    const ks = this.kernel.classStride;
    let correct = 0;
    for (let first = 0; first < this.numSamples; first += MLP_BLOCK_ROWS) {
      const count = Math.min(MLP_BLOCK_ROWS, this.numSamples - first);
      const logits = this.kernel.forward('all', first, count);
      for (let r = 0; r < count; r++) {
        const row = r * ks;
        // The lowest class wins ties, as prediction does.
        let best = 0;
        for (let c = 1; c < k; c++) {
          if ((logits[row + c] as number) > (logits[row + best] as number)) best = c;
        }
        if (best === this.labels[first + r]) correct++;
      }
    }
    return correct;
  }

  /** Forward and backward over a row list in blocks; the kernel holds the gradient sums. */
  private pass(list: RowList, labels: Uint8Array): { lossSum: number; correct: number } {
    const { numClasses: k } = this.shape;
    const ks = this.kernel.classStride;
    let lossSum = 0;
    let correct = 0;
    this.bias2Sums.fill(0);
    for (let first = 0; first < labels.length; first += MLP_BLOCK_ROWS) {
      const count = Math.min(MLP_BLOCK_ROWS, labels.length - first);
      const padded = this.kernel.forward(list, first, count);
      const logits = ks === k ? padded : this.logits.subarray(0, count * k);
      const residual = ks === k ? padded : this.residual.subarray(0, count * k);
      if (ks !== k) {
        for (let r = 0; r < count; r++) {
          for (let c = 0; c < k; c++) logits[r * k + c] = padded[r * ks + c] as number;
        }
      }
      const block = softmaxResidualRows(
        logits,
        labels.subarray(first, first + count),
        k,
        residual,
        this.bias2Sums,
      );
      if (ks !== k) {
        for (let r = 0; r < count; r++) {
          for (let c = 0; c < k; c++) padded[r * ks + c] = residual[r * k + c] as number;
        }
      }
      this.kernel.backward(list, first, count);
      lossSum += block.lossSum;
      correct += block.correct;
    }
    return { lossSum, correct };
  }

  private assemble(block: { lossSum: number; correct: number }, rows: number): ObjectiveEvaluation {
    const { gradient, squaredNorm } = this.kernel.gradient(this.bias2Sums, this.alpha, rows);
    return {
      value: (block.lossSum + 0.5 * this.alpha * squaredNorm) * (1 / rows),
      gradient,
      correct: block.correct,
    };
  }
}
