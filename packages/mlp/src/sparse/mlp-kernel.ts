import {
  fillCompressedRows,
  instantiateWasm,
  layOutMemory,
  MAX_COMPRESSED_COLUMNS,
  MAX_WASM_BYTES,
  type MemoryLayout,
  rowOffsets,
  stageRows,
  wasmModuleSupported,
} from '@digitlab/kernels';
import { type MlpShape, parameterOffsets } from '../mlp-parameters.js';
import { MLP_KERNEL_BASE64 } from './mlp-kernel-binary.js';

/** The functions mlp-kernel.wat exports; every pointer is a byte offset into its memory. */
interface KernelExports {
  hidden(
    rowStart: number,
    cols: number,
    vals: number,
    rows: number,
    count: number,
    w1: number,
    b1: number,
    out: number,
    hs4: number,
  ): void;
  scatter(
    rowStart: number,
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
}

/**
 * Rows per kernel call: a block's hidden activations, logits and hidden gradients stay in cache
 * between the passes, and its float32 gradient sums are folded into float64 after every block.
 */
export const MLP_BLOCK_ROWS = 256;

/** Whether this JavaScript engine runs the kernel (it needs WebAssembly SIMD). */
export function mlpKernelSupported(): boolean {
  return wasmModuleSupported(MLP_KERNEL_BASE64);
}

/** Units padded to whole 4-lane vectors. */
const padded = (units: number) => Math.ceil(units / 4) * 4;

type Region =
  | 'rowStart'
  | 'cols'
  | 'vals'
  | 'all'
  | 'batch'
  | 'x64'
  | 'w1'
  | 'b1'
  | 'w2'
  | 'w2t'
  | 'b2'
  | 'hid'
  | 'out'
  | 'dz'
  | 'g1'
  | 'gb1'
  | 'g2'
  | 'g64'
  | 'grad';

function planMemory(n: number, nnz: number, shape: MlpShape): MemoryLayout<Region> {
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
  const hs = padded(h);
  const ks = padded(k);
  const parameters = parameterOffsets(shape).length;
  return layOutMemory({
    rowStart: 4 * (n + 1),
    cols: 2 * nnz,
    vals: 4 * nnz,
    all: 4 * n,
    batch: 4 * n,
    x64: 8 * parameters,
    w1: 4 * d * hs,
    b1: 4 * hs,
    w2: 4 * hs * ks,
    w2t: 4 * k * hs,
    b2: 4 * ks,
    hid: 4 * MLP_BLOCK_ROWS * hs,
    out: 4 * MLP_BLOCK_ROWS * ks,
    dz: 4 * MLP_BLOCK_ROWS * hs,
    // g1, gb1 and g2 are adjacent (each a multiple of 16 bytes), so one flush covers them.
    g1: 4 * d * hs,
    gb1: 4 * hs,
    g2: 4 * hs * ks,
    g64: 8 * (d * hs + hs + hs * ks),
    grad: 8 * parameters,
  });
}

/** Bytes of WebAssembly memory a kernel over n rows with `nonzeros` entries needs. */
export function mlpKernelBytes(numRows: number, nonzeros: number, shape: MlpShape): number {
  return planMemory(numRows, nonzeros, shape).bytes;
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
  /** Entries stored (the matrix's nonzeros). */
  readonly nonzeros: number;
  /** Floats between consecutive hidden vectors and class vectors. */
  readonly hiddenStride: number;
  readonly classStride: number;
  private readonly fn: KernelExports;
  private readonly at: MemoryLayout<Region>;
  private readonly buffer: ArrayBuffer;
  private readonly batchRows: Int32Array;
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

  private constructor(matrix: Float32Array, numRows: number, shape: MlpShape) {
    const n = numRows;
    const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
    this.shape = { numFeatures: d, hiddenUnits: h, numClasses: k };
    this.numRows = n;
    this.hiddenStride = padded(h);
    this.classStride = padded(k);
    this.contiguous = this.hiddenStride === h;
    const rowStart = rowOffsets(matrix, n, d);
    const nnz = rowStart[n] as number;
    this.nonzeros = nnz;
    const plan = planMemory(n, nnz, shape);
    if (plan.bytes > MAX_WASM_BYTES) {
      throw new RangeError(
        `MlpKernel: expected the compressed rows and weights to fit WebAssembly's 4 GiB memory, found ${n} rows with ${nnz} nonzeros and ${h} hidden units needing ${(plan.bytes / 2 ** 30).toFixed(1)} GiB`,
      );
    }
    const { exports, buffer } = instantiateWasm<KernelExports>(MLP_KERNEL_BASE64, plan.bytes);
    this.fn = exports;
    this.at = plan;
    this.buffer = buffer;
    const heldRowStart = new Int32Array(buffer, plan.rowStart, n + 1);
    heldRowStart.set(rowStart);
    fillCompressedRows(
      matrix,
      n,
      d,
      heldRowStart,
      new Uint16Array(buffer, plan.cols, nnz),
      new Float32Array(buffer, plan.vals, nnz),
    );
    const all = new Int32Array(buffer, plan.all, n);
    for (let i = 0; i < n; i++) all[i] = i;
    this.batchRows = new Int32Array(buffer, plan.batch, n);
    const parameters = parameterOffsets(shape).length;
    this.x64 = new Float64Array(buffer, plan.x64, parameters);
    this.grad = new Float64Array(buffer, plan.grad, parameters);
    const hs = this.hiddenStride;
    this.totals = new Float64Array(buffer, plan.g64, d * hs + hs + hs * this.classStride);
    this.blockSums = new Float32Array(buffer, plan.g1, this.totals.length);
  }

  /**
   * Compress a row-major numRows × numFeatures matrix straight into a new kernel instance's
   * memory (the matrix is read twice and not kept).
   */
  static fromMatrix(matrix: Float32Array, numRows: number, shape: MlpShape): MlpKernel {
    const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
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
    return new MlpKernel(matrix, numRows, shape);
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
    const { at, fn, hiddenStride: hs } = this;
    const rows = (list === 'all' ? at.all : at.batch) + 4 * first;
    fn.hidden(at.rowStart, at.cols, at.vals, rows, count, at.w1, at.b1, at.hid, 4 * hs);
  }

  /** The logits HW2 + b2 of the block `hiddenLayer` just ran (see `forward`). */
  outputLayer(count: number): Float32Array {
    this.checkBlock(0, count);
    const { at, fn, hiddenStride: hs, classStride: ks } = this;
    if (ks === 12) fn.logits12(at.hid, count, hs, at.w2, at.b2, at.out);
    else fn.logits(at.hid, count, hs, at.w2, at.b2, at.out, 4 * ks);
    return new Float32Array(this.buffer, at.out, count * ks);
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
    fn.outer2(at.hid, count, hs, at.out, 4 * ks, at.g2);
    fn.hiddenGradient(at.hid, count, 4 * hs, at.w2t, at.out, 4 * ks, this.shape.numClasses, at.dz);
    fn.colsum(at.dz, count, 4 * hs, at.gb1);
  }

  /** XᵀdZ1 into W1's sums, for the block (the sparse product; see `backward`). */
  backwardHidden(list: RowList, first: number, count: number): void {
    this.checkBlock(first, count);
    const { at, fn, hiddenStride: hs } = this;
    const rows = (list === 'all' ? at.all : at.batch) + 4 * first;
    fn.scatter(at.rowStart, at.cols, at.vals, rows, count, at.g1, at.dz, 4 * hs);
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

  private checkBlock(first: number, count: number): void {
    if (count < 0 || count > MLP_BLOCK_ROWS || first < 0 || first + count > this.numRows) {
      throw new RangeError(
        `MlpKernel: expected a block of at most ${MLP_BLOCK_ROWS} rows within ${this.numRows}, found rows ${first}..${first + count - 1}`,
      );
    }
  }
}
