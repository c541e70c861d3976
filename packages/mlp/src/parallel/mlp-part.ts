import type { MlpShape } from '../mlp-parameters.js';
import { MLP_BLOCK_ROWS, type MlpKernel } from '../sparse/mlp-kernel.js';
import { type HiddenUnitPart, packPart, partShape, unpackPart } from './hidden-unit-parts.js';
import { emptyStepSettings, STATS_PER_PART, type StepChannel } from './step-channel.js';

/** What one mini-batch step found, the same in every part. */
export interface PartStepOutcome {
  /** Mean loss over the batch plus alpha/(2·rows)·(‖W1‖² + ‖W2‖²), at the point before the step. */
  readonly value: number;
  /** Whether the loss and every gradient entry were finite (else no part moved). */
  readonly finite: boolean;
  readonly normInf: number;
  readonly sumOfSquares: number;
}

/**
 * One thread's share of a threaded MLP: the hidden units of its part, their weights and Adam
 * moments in float32 in its own sparse kernel (over the compressed rows every part reads). Every
 * part runs `step` together: each computes its units' hidden layer and partial logits, they meet,
 * each sums the partial logits in part order into the same residuals, runs its units' backward
 * pass, they meet again to combine the gradient's norms, and each applies Adam to its own weights
 * (or, when anything was not finite, none does). The leader's part also holds b2.
 */
export class MlpPart {
  readonly index: number;
  private readonly kernel: MlpKernel;
  private readonly channel: StepChannel;
  private readonly shape: MlpShape;
  private readonly part: HiddenUnitPart;
  private readonly labels: Uint8Array;
  private readonly batchLabels: Uint8Array;
  /** The channel's mini-batch rows, unsigned. */
  private readonly batchRows: Uint32Array;
  /** The step's settings, read from the channel at the start of each step. */
  private readonly settings = emptyStepSettings();

  constructor(options: {
    readonly index: number;
    /** The kernel of this part's units (`partShape`) over the training set. */
    readonly kernel: MlpKernel;
    readonly labels: Uint8Array;
    readonly shape: MlpShape;
    readonly part: HiddenUnitPart;
    readonly channel: StepChannel;
  }) {
    const { shape, part, kernel } = options;
    const expected = partShape(shape, part);
    if (
      kernel.shape.numFeatures !== expected.numFeatures ||
      kernel.shape.hiddenUnits !== expected.hiddenUnits ||
      kernel.shape.numClasses !== expected.numClasses
    ) {
      throw new RangeError(
        `MlpPart: expected a kernel of ${expected.numFeatures} features, ${expected.hiddenUnits} hidden units and ${expected.numClasses} classes (part ${options.index}), found ${kernel.shape.numFeatures}, ${kernel.shape.hiddenUnits} and ${kernel.shape.numClasses}`,
      );
    }
    this.index = options.index;
    this.shape = shape;
    this.part = part;
    this.kernel = kernel;
    this.channel = options.channel;
    this.labels = options.labels;
    this.batchLabels = new Uint8Array(options.channel.sizes.batchRows);
    const shared = options.channel.batch;
    this.batchRows = new Uint32Array(shared.buffer, shared.byteOffset, shared.length);
    if (kernel.part !== options.index || kernel.parts !== options.channel.sizes.parts) {
      throw new RangeError(
        `MlpPart: expected the kernel of part ${options.index} of ${options.channel.sizes.parts} (bound to the shared rows), found part ${kernel.part} of ${kernel.parts}`,
      );
    }
  }

  /** Load this part's weights and moments from full parameter-shaped vectors. */
  load(x: Float64Array, m: Float64Array, v: Float64Array): void {
    const { shape, part } = this;
    packPart(x, shape, part, this.kernel.parameterBlock());
    const moments = this.kernel.moments();
    packPart(m, shape, part, moments.m);
    packPart(v, shape, part, moments.v);
    this.kernel.refreshTransposed();
    this.kernel.clearGradientSums();
  }

  /** Write this part's weights and moments into their entries of full parameter-shaped vectors. */
  save(x: Float64Array, m: Float64Array, v: Float64Array): void {
    const { shape, part } = this;
    unpackPart(this.kernel.parameterBlock(), shape, part, x);
    const moments = this.kernel.moments();
    unpackPart(moments.m, shape, part, m);
    unpackPart(moments.v, shape, part, v);
  }

  /** Write this part's weights (not its moments) into their entries of a full parameter vector. */
  savePoint(x: Float64Array): void {
    unpackPart(this.kernel.parameterBlock(), this.shape, this.part, x);
  }

  /** One mini-batch step on the rows and settings in the channel, together with the other parts. */
  step(): PartStepOutcome {
    const { channel, kernel, index: p } = this;
    const { lockstep } = channel;
    const settings = channel.readSettings(this.settings);
    const rows = settings.rows;
    const batch = this.batchRows.subarray(0, rows);
    kernel.stageBatch(batch);
    const labels = this.batchLabels.subarray(0, rows);
    for (let r = 0; r < rows; r++) labels[r] = this.labels[batch[r] as number] as number;
    const parts = channel.sizes.parts;
    let lossSum = 0;
    for (let first = 0, block = 0; first < rows; first += MLP_BLOCK_ROWS, block++) {
      const count = Math.min(MLP_BLOCK_ROWS, rows - first);
      kernel.hiddenLayer('batch', first, count);
      if (parts > 1) {
        // Each part writes its units' share of the logits; once all have, every part adds them up
        // in the same order, so all get the same residuals.
        kernel.partialLogits(count, block);
        lockstep.arrive();
        kernel.sumPartialLogits(count, block);
      } else kernel.outputLayer(count);
      lossSum += kernel.softmaxResidual(labels.subarray(first, first + count));
      if (this.part.holdsBias2) kernel.addResidualSums(count);
      kernel.backwardOutput(count);
      kernel.backwardHidden('batch', first, count);
    }
    const mine = kernel.gradientStats(settings.alpha, rows);
    const stats = channel.stats;
    stats[p * STATS_PER_PART] = mine.sumOfSquares;
    stats[p * STATS_PER_PART + 1] = mine.normInf;
    stats[p * STATS_PER_PART + 2] = mine.weightSquares;
    lockstep.arrive();
    let sumOfSquares = 0;
    let normInf = 0;
    let weightSquares = 0;
    for (let q = 0; q < parts; q++) {
      sumOfSquares += stats[q * STATS_PER_PART] as number;
      normInf = Math.max(normInf, stats[q * STATS_PER_PART + 1] as number);
      weightSquares += stats[q * STATS_PER_PART + 2] as number;
    }
    const value = (lossSum + 0.5 * settings.alpha * weightSquares) / rows;
    const finite =
      Number.isFinite(value) && Number.isFinite(normInf) && Number.isFinite(sumOfSquares);
    if (finite) kernel.adamStep(settings.alpha, rows, settings);
    else kernel.clearGradientSums();
    return { value, finite, normInf, sumOfSquares };
  }
}
