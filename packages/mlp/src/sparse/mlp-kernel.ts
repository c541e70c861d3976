import {
  FastestVariant,
  instantiateWasm,
  MAX_COMPRESSED_COLUMNS,
  type MemoryLayout,
  sharedMemorySupported,
  stageRows,
  type WasmInstance,
  wasmModuleSupported,
} from '@digitlab/kernels';
import type { AdamStepConstants } from '@digitlab/optimizers';
import { type MlpShape, parameterOffsets } from '../mlp-parameters.js';
import {
  blockFloats,
  MLP_BLOCK_ROWS,
  padded,
  partialSlotBytes,
  type Region,
  sharedRowsBytes,
} from './kernel-memory.js';
import { MLP_KERNEL_BASE64 } from './mlp-kernel-binary.js';
import {
  countedRoom,
  fillSharedRows,
  type SharedRows,
  shareRows,
  uncountedRooms,
} from './shared-rows.js';

export { MLP_BLOCK_ROWS, padded } from './kernel-memory.js';

/** H = relu(XW1 + b1) of listed rows, as the kernel's variants of it compute it. */
type HiddenProduct = (
  rowSpans: number,
  cols: number,
  vals: number,
  rows: number,
  count: number,
  w1: number,
  b1: number,
  out: number,
  hs4: number,
) => void;

/**
 * The kernel's variants of the forward sparse product: the same bits, a speed that depends on the
 * CPU (see mlp-kernel.wat); each kernel times them on its first blocks and keeps the fastest.
 */
export const HIDDEN_VARIANTS = ['hidden', 'hidden32', 'hidden32x1', 'hiddenTiles'] as const;

/** The functions mlp-kernel.wat exports; every pointer is a byte offset into its memory. */
interface KernelExports extends Record<(typeof HIDDEN_VARIANTS)[number], HiddenProduct> {
  scatter(
    rowSpans: number,
    cols: number,
    vals: number,
    rows: number,
    count: number,
    g1: number,
    dz: number,
    hs4: number,
  ): void;
  logits(
    hid: number,
    count: number,
    hs: number,
    w2: number,
    b2: number,
    out: number,
    ks4: number,
  ): void;
  logits12(hid: number, count: number, hs: number, w2: number, b2: number, out: number): void;
  outer2(hid: number, count: number, hs: number, res: number, ks4: number, g2: number): void;
  outer12(hid: number, count: number, hs: number, res: number, g2: number): void;
  hiddenGradient(
    hid: number,
    count: number,
    hs4: number,
    w2t: number,
    res: number,
    ks4: number,
    k: number,
    dz: number,
  ): void;
  colsum(src: number, count: number, bytes: number, dst: number): void;
  sumParts(src: number, parts: number, slot: number, bytes: number, dst: number): void;
  transpose(w2: number, hs: number, ks4: number, k: number, w2t: number): void;
  flush(g32: number, g64: number, bytes: number): void;
  demote(src64: number, dst32: number, count: number): void;
  penalize(g: number, x: number, out: number, count: number, alpha: number, scale: number): number;
  penalize32(
    g32: number,
    x: number,
    out: number,
    count: number,
    alpha: number,
    scale: number,
  ): number;
  adam32(
    w: number,
    g: number,
    m: number,
    v: number,
    count: number,
    alpha: number,
    scale: number,
    keep1: number,
    take1: number,
    keep2: number,
    take2: number,
    stepScale: number,
    rootScale: number,
    epsilon: number,
  ): void;
  stats32(w: number, g: number, count: number, alpha: number, scale: number, out: number): void;
  softmax(z: number, count: number, ks4: number, k: number, labels: number, stats: number): void;
}

/** Whether this JavaScript engine runs the kernel (it needs WebAssembly SIMD and shared memory). */
export function mlpKernelSupported(): boolean {
  return wasmModuleSupported(MLP_KERNEL_BASE64) && sharedMemorySupported();
}

/**
 * Bytes of WebAssembly memory a kernel over n rows with `nonzeros` entries needs (at least: it
 * may set more aside, untouched, when it compresses the rows without counting them first).
 */
export function mlpKernelBytes(numRows: number, nonzeros: number, shape: MlpShape): number {
  return sharedRowsBytes([{ rows: numRows, entries: nonzeros, counted: true }], [shape]);
}

function checkShape({ numFeatures: d, hiddenUnits: h, numClasses: k }: MlpShape): void {
  if (d > MAX_COMPRESSED_COLUMNS) {
    throw new RangeError(
      `MlpKernel: expected at most ${MAX_COMPRESSED_COLUMNS} features (16-bit columns), found ${d}`,
    );
  }
  if (!(h >= 1 && k >= 1)) {
    throw new RangeError(
      `MlpKernel: expected at least one hidden unit and one class, found ${h} and ${k}`,
    );
  }
}

/** Which row list a call covers: every row in order, or the rows staged by `stageBatch`. */
export type RowList = 'all' | 'batch';

/**
 * One instance of the sparse MLP kernel: a compressed training set in its own WebAssembly memory,
 * with the network's weights (float32, hidden and class vectors padded to 4 lanes), one block of
 * activations and the gradient sums beside it. A block runs `forward` (H = relu(XW1 + b1), then
 * logits HW2 + b2), the caller turns the logits into residuals in place, then `backward` adds
 * the block's sums into the float64 totals that `gradientSums` reads in parameter order.
 */
export class MlpKernel {
  readonly shape: MlpShape;
  readonly numRows: number;
  /** Floats between consecutive hidden vectors and class vectors. */
  readonly hiddenStride: number;
  readonly classStride: number;
  /** This kernel's part among the kernels bound to the same shared rows, and how many there are. */
  readonly part: number;
  readonly parts: number;
  private readonly fn: KernelExports;
  private readonly at: MemoryLayout<Region>;
  private readonly buffer: ArrayBuffer | SharedArrayBuffer;
  private readonly batchRows: Int32Array;
  /** Each row's span (to count a block's nonzeros while its variants are timed). */
  private readonly rowSpans: Int32Array;
  private readonly hiddenVariants: HiddenProduct[];
  /** Which variant of the forward sparse product runs (timed on the first blocks). */
  readonly hiddenChoice = new FastestVariant(HIDDEN_VARIANTS.length);
  private readonly x64: Float64Array;
  private readonly grad: Float64Array;
  private readonly totals: Float64Array;
  /** The float32 sums of the blocks not yet folded into `totals`: W1, b1 and W2 in a row. */
  private readonly blockSums: Float32Array;
  /** A block's sums wait in float32 until the next block or `gradient` (one block: no fold). */
  private blockPending = false;
  private folded = false;
  /** W1's float64 parameters demote straight into the kernel's layout when no padding is needed. */
  private readonly contiguous: boolean;
  // Views and tables of the threaded engine's per-step calls, made once (no garbage per step).
  private readonly statsOut: Float64Array;
  private readonly blockLabels: Uint8Array;
  private readonly rowStats: Float32Array;
  /**
   * W1, b1, W2 and b2 as five integers each: [parameters, sums, floats, penalized (1/0), stats
   * slot]. Flat, so the per-step loops over it stay plain indexed loops (cheap for V8 to optimize).
   */
  private readonly sections: Int32Array;

  /** A kernel over the rows already at `at.rowSpans`, `at.cols`, `at.vals` and `at.all`. */
  private constructor(
    instance: WasmInstance<KernelExports>,
    at: MemoryLayout<Region>,
    numRows: number,
    shape: MlpShape,
    part: { readonly index: number; readonly of: number },
  ) {
    const n = numRows;
    this.part = part.index;
    this.parts = part.of;
    const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
    this.shape = { numFeatures: d, hiddenUnits: h, numClasses: k };
    this.numRows = n;
    this.hiddenStride = padded(h);
    this.classStride = padded(k);
    this.contiguous = this.hiddenStride === h;
    const { exports, buffer } = instance;
    this.fn = exports;
    this.at = at;
    this.buffer = buffer;
    this.statsOut = new Float64Array(buffer, at.stats, 6);
    this.blockLabels = new Uint8Array(buffer, at.labels, MLP_BLOCK_ROWS);
    this.rowStats = new Float32Array(buffer, at.rowStats, 3 * MLP_BLOCK_ROWS);
    const hs = this.hiddenStride;
    const ks = this.classStride;
    // The weights are penalized by alpha and counted in stats[0..2], the biases in stats[3..5]
    // (no penalty).
    this.sections = Int32Array.of(
      ...[at.w1, at.g1, d * hs, 1, 0],
      ...[at.b1, at.gb1, hs, 0, 24],
      ...[at.w2, at.g2, hs * ks, 1, 0],
      ...[at.b2, at.gb2, ks, 0, 24],
    );
    this.batchRows = new Int32Array(buffer, at.batch, n);
    this.rowSpans = new Int32Array(buffer, at.rowSpans, 2 * n);
    this.hiddenVariants = HIDDEN_VARIANTS.map((name) => exports[name]);
    const parameters = parameterOffsets(shape).length;
    this.x64 = new Float64Array(buffer, at.x64, parameters);
    this.grad = new Float64Array(buffer, at.grad, parameters);
    this.totals = new Float64Array(buffer, at.g64, d * hs + hs + hs * this.classStride);
    this.blockSums = new Float32Array(buffer, at.g1, this.totals.length);
  }

  /**
   * Compress a row-major numRows × numFeatures matrix straight into a new kernel instance's
   * memory (the matrix is not kept): in one pass into room for every value when that room is
   * small enough (see uncountedRooms), else counted first.
   */
  static fromMatrix(matrix: Float32Array, numRows: number, shape: MlpShape): MlpKernel {
    checkShape(shape);
    // Shared rows with one part: the same memory plan a threaded fit's parts bind to.
    const d = shape.numFeatures;
    const rooms = uncountedRooms([numRows], d) ?? [countedRoom(matrix, d, 0, numRows)];
    const shared = shareRows(rooms, [shape]);
    fillSharedRows(shared, matrix, 0);
    return MlpKernel.onSharedRows(shared, 0);
  }

  /**
   * The kernel of part `part` over shared rows (see SharedRows): an instance on their memory,
   * reading the rows in place and writing only its part's regions, from any thread given them.
   * The rows are read from its first block on: fill them before.
   */
  static onSharedRows(shared: SharedRows, part: number): MlpKernel {
    const { plan, memory } = shared;
    const own = plan.parts[part];
    if (own === undefined) {
      throw new RangeError(
        `MlpKernel.onSharedRows: expected a part within 0..${plan.parts.length - 1}, found ${part}`,
      );
    }
    checkShape(own.shape);
    const instance = instantiateWasm<KernelExports>(MLP_KERNEL_BASE64, memory);
    const at = { ...plan.rows, ...own.at, bytes: plan.bytes };
    return new MlpKernel(instance, at, plan.numRows, own.shape, {
      index: part,
      of: plan.parts.length,
    });
  }

  /** Views of row i's stored entries in this kernel's memory: their columns and values. */
  row(i: number): { readonly columns: Uint16Array; readonly values: Float32Array } {
    if (!(Number.isInteger(i) && i >= 0 && i < this.numRows)) {
      throw new RangeError(
        `MlpKernel.row: expected a row within 0..${this.numRows - 1}, found ${i}`,
      );
    }
    const { at, buffer, rowSpans: spans } = this;
    const start = spans[2 * i] as number;
    const count = (spans[2 * i + 1] as number) - start;
    return {
      columns: new Uint16Array(buffer, at.cols + 2 * start, count),
      values: new Float32Array(buffer, at.vals + 4 * start, count),
    };
  }

  /** Load parameters [W1 (d×h), b1 (h), W2 (h×k), b2 (k)] as float32 (padding stays zero). */
  setParameters(x: Float64Array): void {
    const { numFeatures: d, hiddenUnits: h, numClasses: k } = this.shape;
    const o = parameterOffsets(this.shape);
    if (x.length !== o.length) {
      throw new RangeError(
        `MlpKernel.setParameters: expected ${o.length} parameters (W1 ${d}×${h}, b1 ${h}, W2 ${h}×${k}, b2 ${k}), found ${x.length}`,
      );
    }
    const { at, buffer, hiddenStride: hs, classStride: ks } = this;
    // Sums of a pass that never reached `gradient` (it threw) are dropped with its weights.
    if (this.blockPending || this.folded) {
      this.blockSums.fill(0);
      this.totals.fill(0);
      this.blockPending = false;
      this.folded = false;
    }
    this.x64.set(x);
    if (this.contiguous) {
      this.fn.demote(at.x64, at.w1, d * h);
    } else {
      const w1 = new Float32Array(buffer, at.w1, d * hs);
      for (let j = 0; j < d; j++) {
        for (let u = 0; u < h; u++) w1[j * hs + u] = x[j * h + u] as number;
      }
    }
    new Float32Array(buffer, at.b1, h).set(x.subarray(o.bias1, o.kernel2));
    // W2 by rows (class vectors, for the logits) and by columns (hidden vectors, for dZ1).
    const w2 = new Float32Array(buffer, at.w2, hs * ks);
    const w2t = new Float32Array(buffer, at.w2t, k * hs);
    for (let u = 0; u < h; u++) {
      for (let c = 0; c < k; c++) {
        const w = x[o.kernel2 + u * k + c] as number;
        w2[u * ks + c] = w;
        w2t[c * hs + u] = w;
      }
    }
    new Float32Array(buffer, at.b2, k).set(x.subarray(o.bias2, o.length));
  }

  /** Make `batch` (row indices) the 'batch' row list. */
  stageBatch(batch: Uint32Array): void {
    stageRows(batch, this.numRows, this.batchRows, 'MlpKernel.stageBatch');
  }

  /**
   * The forward pass of `count` ≤ MLP_BLOCK_ROWS rows from position `first` of a row list:
   * the hidden activations are kept for `backward`; the logits (classStride apart) are returned
   * in a view the next call overwrites, for the caller to turn into residuals P − Y in place.
   */
  forward(list: RowList, first: number, count: number): Float32Array {
    this.hiddenLayer(list, first, count);
    return this.outputLayer(count);
  }

  /** H = relu(XW1 + b1) of a block, kept for `outputLayer` and `backward` (the sparse product). */
  hiddenLayer(list: RowList, first: number, count: number): void {
    this.checkBlock(first, count);
    const { at, hiddenStride: hs, hiddenChoice: choice } = this;
    const rows = (list === 'all' ? at.all : at.batch) + 4 * first;
    const product = this.hiddenVariants[choice.next()] as HiddenProduct;
    if (!choice.timing) {
      product(at.rowSpans, at.cols, at.vals, rows, count, at.w1, at.b1, at.hid, 4 * hs);
      choice.done(Number.NaN);
      return;
    }
    const start = performance.now();
    product(at.rowSpans, at.cols, at.vals, rows, count, at.w1, at.b1, at.hid, 4 * hs);
    choice.done((performance.now() - start) / this.blockNonzeros(list, first, count));
  }

  /** Entries stored in a block's rows. */
  private blockNonzeros(list: RowList, first: number, count: number): number {
    const spans = this.rowSpans;
    let total = 0;
    for (let r = first; r < first + count; r++) {
      const i = list === 'all' ? r : (this.batchRows[r] as number);
      total += (spans[2 * i + 1] as number) - (spans[2 * i] as number);
    }
    return total;
  }

  /** The logits HW2 + b2 of the block `hiddenLayer` just ran (see `forward`). */
  outputLayer(count: number): Float32Array {
    this.checkBlock(0, count);
    this.logitsInto(count, this.at.out);
    return new Float32Array(this.buffer, this.at.out, count * this.classStride);
  }

  /**
   * This part's share of the logits of the block `hiddenLayer` just ran, H·W2 over its units (plus
   * b2 in the part that holds it), written to its slot of the shared partial logits of the block's
   * parity, for every part to add up with `sumPartialLogits` once all have written theirs.
   */
  partialLogits(count: number, block: number): void {
    this.checkBlock(0, count);
    this.logitsInto(count, this.partialSlot(this.part, block));
  }

  /**
   * The block's logits: every part's partial logits (`partialLogits`) added in part order, so
   * every part gets the same bits, into the place `outputLayer` writes them (for
   * `softmaxResidual`).
   */
  sumPartialLogits(count: number, block: number): void {
    this.checkBlock(0, count);
    const { at, fn, classStride: ks } = this;
    fn.sumParts(
      this.partialSlot(0, block),
      this.parts,
      partialSlotBytes(ks),
      4 * count * ks,
      at.out,
    );
  }

  /** The block's logits as `outputLayer` or `sumPartialLogits` left them (residuals after `softmaxResidual`). */
  blockLogits(count: number): Float32Array {
    this.checkBlock(0, count);
    return new Float32Array(this.buffer, this.at.out, count * this.classStride);
  }

  private partialSlot(part: number, block: number): number {
    const slot = partialSlotBytes(this.classStride);
    return this.at.partials + ((block & 1) * this.parts + part) * slot;
  }

  private logitsInto(count: number, out: number): void {
    const { at, fn, hiddenStride: hs, classStride: ks } = this;
    if (ks === 12) fn.logits12(at.hid, count, hs, at.w2, at.b2, out);
    else fn.logits(at.hid, count, hs, at.w2, at.b2, out, 4 * ks);
  }

  /** The hidden activations relu(XW1 + b1) of the last `forward` (count × hiddenStride). */
  hiddenActivations(count: number): Float32Array {
    return new Float32Array(this.buffer, this.at.hid, count * this.hiddenStride);
  }

  /**
   * The backward pass over the block `forward` just ran, whose logits are now residuals R: adds
   * HᵀR into W2's sums, then dZ1 = RW2ᵀ ⊙ [H > 0] into b1's, then XᵀdZ1 into W1's, and folds the
   * float32 block sums into the float64 totals. b2's sums (Σ R) are the caller's.
   */
  backward(list: RowList, first: number, count: number): void {
    // No float32 sum runs over more than one block: the previous one is folded first.
    if (this.blockPending) this.foldBlock();
    this.backwardOutput(count);
    this.backwardHidden(list, first, count);
    this.blockPending = true;
  }

  /** HᵀR into W2's sums and dZ1 = RW2ᵀ ⊙ [H > 0] into b1's, for the block (see `backward`). */
  backwardOutput(count: number): void {
    this.checkBlock(0, count);
    const { at, fn, hiddenStride: hs, classStride: ks } = this;
    if (ks === 12) fn.outer12(at.hid, count, hs, at.out, at.g2);
    else fn.outer2(at.hid, count, hs, at.out, 4 * ks, at.g2);
    fn.hiddenGradient(at.hid, count, 4 * hs, at.w2t, at.out, 4 * ks, this.shape.numClasses, at.dz);
    fn.colsum(at.dz, count, 4 * hs, at.gb1);
  }

  /** XᵀdZ1 into W1's sums, for the block (the sparse product; see `backward`). */
  backwardHidden(list: RowList, first: number, count: number): void {
    this.checkBlock(first, count);
    const { at, fn, hiddenStride: hs } = this;
    const rows = (list === 'all' ? at.all : at.batch) + 4 * first;
    fn.scatter(at.rowSpans, at.cols, at.vals, rows, count, at.g1, at.dz, 4 * hs);
  }

  /** Fold the block's float32 sums into the float64 totals (see `backward`). */
  foldBlock(): void {
    const { at, fn, hiddenStride: hs, classStride: ks } = this;
    fn.flush(at.g1, at.g64, 4 * (this.shape.numFeatures * hs + hs + hs * ks));
    this.blockPending = false;
    this.folded = true;
  }

  /**
   * scikit-learn's gradient from the totals since the last call, in parameter order:
   * (sums + α·[W1, 0, W2, 0]) / rows, with `bias2Sums` (Σ R) as b2's sums; returns ‖W1‖² + ‖W2‖²
   * of the loaded parameters (float64) and resets the totals. The gradient is a view of the
   * kernel's memory, valid until the next call.
   */
  gradient(
    bias2Sums: Float64Array,
    alpha: number,
    rows: number,
  ): {
    gradient: Float64Array;
    squaredNorm: number;
  } {
    const { numFeatures: d, hiddenUnits: h, numClasses: k } = this.shape;
    const { at, fn, hiddenStride: hs, classStride: ks, x64: x, grad: g } = this;
    // One block (a mini-batch): its float32 sums are read directly, widened on the way.
    const single = !this.folded;
    if (!single && this.blockPending) this.foldBlock();
    const sums: Float32Array | Float64Array = single ? this.blockSums : this.totals;
    const o = parameterOffsets(this.shape);
    const scale = 1 / rows;
    let squaredNorm = 0;
    if (this.contiguous) {
      squaredNorm += single
        ? fn.penalize32(at.g1, at.x64, at.grad, d * h, alpha, scale)
        : fn.penalize(at.g64, at.x64, at.grad, d * h, alpha, scale);
    } else {
      for (let j = 0; j < d; j++) {
        for (let u = 0; u < h; u++) {
          const w = x[j * h + u] as number;
          squaredNorm += w * w;
          g[j * h + u] = ((sums[j * hs + u] as number) + alpha * w) * scale;
        }
      }
    }
    const b1 = d * hs;
    for (let u = 0; u < h; u++) g[o.bias1 + u] = (sums[b1 + u] as number) * scale;
    const w2 = b1 + hs;
    for (let u = 0; u < h; u++) {
      for (let c = 0; c < k; c++) {
        const i = o.kernel2 + u * k + c;
        const w = x[i] as number;
        squaredNorm += w * w;
        g[i] = ((sums[w2 + u * ks + c] as number) + alpha * w) * scale;
      }
    }
    for (let c = 0; c < k; c++) g[o.bias2 + c] = (bias2Sums[c] as number) * scale;
    // penalize32 zeroed W1's float32 sums; the rest (b1, W2) is zeroed here.
    if (single) this.blockSums.fill(0, this.contiguous ? d * h : 0);
    else this.totals.fill(0);
    this.folded = false;
    this.blockPending = false;
    return { gradient: g, squaredNorm };
  }

  /**
   * The float32 parameter block [W1 (d×hs), b1 (hs), W2 (hs×ks), b2 (ks)], hidden and class
   * vectors padded to 4 lanes (padding stays zero). Call `refreshTransposed` after writing W2.
   */
  parameterBlock(): Float32Array {
    return new Float32Array(this.buffer, this.at.w1, this.blockLength());
  }

  /** Adam's first and second moments, laid out as the parameter block. */
  moments(): { readonly m: Float32Array; readonly v: Float32Array } {
    const n = this.blockLength();
    return {
      m: new Float32Array(this.buffer, this.at.m, n),
      v: new Float32Array(this.buffer, this.at.v, n),
    };
  }

  /** The float32 gradient sums of the blocks run since the last step, laid out as the parameters. */
  gradientSumsBlock(): Float32Array {
    return new Float32Array(this.buffer, this.at.g1, this.blockLength());
  }

  /** Copy W2 of the parameter block into the transposed copy the backward pass reads. */
  refreshTransposed(): void {
    const { at, hiddenStride: hs, classStride: ks } = this;
    this.fn.transpose(at.w2, hs, 4 * ks, this.shape.numClasses, at.w2t);
  }

  /**
   * Norms of the mini-batch gradient (sums + α·[W1, 0, W2, 0]) / rows over the parameter block, and
   * ‖W1‖² + ‖W2‖² (the penalty's), all in float64. normInf is NaN when an entry is NaN.
   */
  gradientStats(
    alpha: number,
    rows: number,
  ): { sumOfSquares: number; normInf: number; weightSquares: number } {
    const { at, fn, statsOut: out } = this;
    out.fill(0);
    const scale = 1 / rows;
    const table = this.sections;
    for (let i = 0; i < table.length; i += 5) {
      const penalty = table[i + 3] === 1 ? alpha : 0;
      const slot = at.stats + (table[i + 4] as number);
      fn.stats32(
        table[i] as number,
        table[i + 1] as number,
        table[i + 2] as number,
        penalty,
        scale,
        slot,
      );
    }
    return {
      sumOfSquares: (out[0] as number) + (out[3] as number),
      normInf: Math.max(out[1] as number, out[4] as number),
      weightSquares: out[2] as number,
    };
  }

  /**
   * One Adam step over the parameter block from the gradient sums of the blocks run since the last
   * step, (sums + α·[W1, 0, W2, 0]) / rows, which are then reset to zero.
   */
  adamStep(alpha: number, rows: number, s: AdamStepConstants): void {
    const { at, fn } = this;
    const scale = 1 / rows;
    const table = this.sections;
    for (let i = 0; i < table.length; i += 5) {
      const w = table[i] as number;
      const shift = w - at.w1;
      fn.adam32(
        w,
        table[i + 1] as number,
        at.m + shift,
        at.v + shift,
        table[i + 2] as number,
        table[i + 3] === 1 ? alpha : 0,
        scale,
        s.keep1,
        s.take1,
        s.keep2,
        s.take2,
        s.stepScale,
        s.rootScale,
        s.epsilon,
      );
    }
    this.refreshTransposed();
  }

  /**
   * Turn the block's logits (`outputLayer`'s view, classStride apart) into the softmax residuals
   * softmax(z) − onehot(label) in place, in the kernel: float32 with a polynomial exp (within 2 ulp).
   * Returns the block's summed cross-entropy Σ (max + log Σ exp(z − max) − z_label), in float64.
   */
  softmaxResidual(labels: Uint8Array): number {
    const count = labels.length;
    this.checkBlock(0, count);
    const { at, fn, rowStats: rows } = this;
    this.blockLabels.set(labels);
    fn.softmax(at.out, count, 4 * this.classStride, this.shape.numClasses, at.labels, at.rowStats);
    let lossSum = 0;
    for (let r = 0; r < 3 * count; r += 3) {
      lossSum += (rows[r] as number) + Math.log(rows[r + 1] as number) - (rows[r + 2] as number);
    }
    return lossSum;
  }

  /** Add the block's residual column sums (Σ R, b2's gradient sums) to b2's sums. */
  addResidualSums(count: number): void {
    this.checkBlock(0, count);
    const { at, fn } = this;
    fn.colsum(at.out, count, 4 * this.classStride, at.gb2);
  }

  /** Drop the gradient sums of the blocks run since the last step (a step that is not taken). */
  clearGradientSums(): void {
    this.gradientSumsBlock().fill(0);
  }

  private blockLength(): number {
    return blockFloats(this.shape.numFeatures, this.hiddenStride, this.classStride);
  }

  private checkBlock(first: number, count: number): void {
    if (count < 0 || count > MLP_BLOCK_ROWS || first < 0 || first + count > this.numRows) {
      throw new RangeError(
        `MlpKernel: expected a block of at most ${MLP_BLOCK_ROWS} rows within ${this.numRows}, found rows ${first}..${first + count - 1}`,
      );
    }
  }
}
