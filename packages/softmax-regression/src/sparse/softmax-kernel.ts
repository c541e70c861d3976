import {
  fillCompressedRows,
  instantiateWasm,
  layOutMemory,
  MAX_WASM_BYTES,
  type MemoryLayout,
  rowOffsets,
  stageRows,
  wasmModuleSupported,
} from '@digitlab/kernels';
import { SOFTMAX_KERNEL_BASE64 } from './softmax-kernel-binary.js';

/** Compressed rows as each pass takes them: the CSR arrays, then `count` row indices at `rows`. */
type RowBlock = [rowStart: number, cols: number, vals: number, rows: number, count: number];
/** The block's logits XW + b into `out`. */
type LogitsArgs = [...RowBlock, w: number, bias: number, out: number];
/** Xᵀ·res over the block into the float32 gradient `g`. */
type AccumulateArgs = [...RowBlock, g: number, res: number];

/** The functions softmax-kernel.wat exports; every pointer is a byte offset into its memory. */
interface KernelExports {
  // The 12 versions keep a row's three class vectors in registers (9 to 12 classes); the N
  // versions take any class stride (in bytes).
  logits12(...args: LogitsArgs): void;
  accumulate12(...args: AccumulateArgs): void;
  logitsN(...args: [...LogitsArgs, stride: number]): void;
  accumulateN(...args: [...AccumulateArgs, stride: number]): void;
  flush(g32: number, g64: number, bytes: number): void;
  softmax(
    out: number,
    count: number,
    stride: number,
    k: number,
    labels: number,
    mask: number,
    info: number,
    biasAcc: number,
  ): number;
}

/**
 * Rows per kernel call. A block's logits (then residuals) stay in L1 cache between the forward
 * pass, the softmax and the backward pass, and its float32 gradient sums are folded into
 * the float64 total after every block, so no float32 sum runs over more than this many rows.
 */
export const BLOCK_ROWS = 256;

/** WebAssembly's 32-bit address space: the kernel's memory cannot be larger. */
export const MAX_KERNEL_BYTES = MAX_WASM_BYTES;

/** Whether this JavaScript engine runs the kernel (it needs WebAssembly SIMD and bulk memory). */
export function softmaxKernelSupported(): boolean {
  return wasmModuleSupported(SOFTMAX_KERNEL_BASE64);
}

/** Class vectors are padded to whole 4-lane SIMD vectors. */
export function classStride(numClasses: number): number {
  return Math.ceil(numClasses / 4) * 4;
}

/** Where each array lives in a kernel's memory (byte offsets), and the total size. */
type MemoryPlan = MemoryLayout<
  | 'rowStart'
  | 'cols'
  | 'vals'
  | 'all'
  | 'batch'
  | 'labels'
  | 'batchLabels'
  | 'w'
  | 'bias'
  | 'mask'
  | 'biasAcc'
  | 'g32'
  | 'g64'
  | 'out'
  | 'info'
>;

function planMemory(n: number, nnz: number, d: number, k: number): MemoryPlan {
  const s = classStride(k);
  return layOutMemory({
    rowStart: 4 * (n + 1),
    cols: 2 * nnz,
    vals: 4 * nnz,
    all: 4 * n,
    batch: 4 * n,
    labels: n,
    batchLabels: n,
    w: 4 * d * s,
    bias: 4 * s,
    mask: 4 * s,
    biasAcc: 4 * s,
    g32: 4 * d * s,
    g64: 8 * d * s,
    out: 4 * BLOCK_ROWS * s,
    info: 8 * BLOCK_ROWS,
  });
}

/** Bytes of WebAssembly memory a kernel over n rows with `nonzeros` entries needs. */
export function softmaxKernelBytes(
  numRows: number,
  nonzeros: number,
  numFeatures: number,
  numClasses: number,
): number {
  return planMemory(numRows, nonzeros, numFeatures, numClasses).bytes;
}

/** Which row list a call covers: every row in order, or the rows staged by `stageBatch`. */
export type RowList = 'all' | 'batch';

/** What `softmax` found in one block. */
export interface BlockSums {
  /** Σ −log softmax(z)[label] over the block's rows, in float64. */
  readonly lossSum: number;
  /** Rows whose largest logit is their label's. */
  readonly correct: number;
}

/**
 * One instance of the sparse softmax kernel holding a compressed training set and its labels in
 * its own WebAssembly memory, with the parameter, gradient and logit buffers beside it. The
 * objective's data work runs block by block: `logits`, `softmax` (logits → residuals in place),
 * `accumulate` (Xᵀ·residuals into the gradient total).
 */
export class SoftmaxKernel {
  readonly numRows: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  /** Floats between consecutive class vectors. */
  readonly stride: number;
  /** Entries stored (the matrix's nonzeros). */
  readonly nonzeros: number;
  private readonly fn: KernelExports;
  private readonly at: MemoryPlan;
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;
  private readonly totals: Float64Array;
  private readonly logitRows: Float32Array;
  private readonly batchRows: Int32Array;
  private readonly labels: Uint8Array;
  private readonly batchLabels: Uint8Array;
  private readonly biasBlock: Float32Array;
  private readonly biasTotals: Float64Array;
  private readonly info: Float32Array;

  private constructor(
    matrix: Float32Array,
    labels: Uint8Array,
    numRows: number,
    numFeatures: number,
    numClasses: number,
  ) {
    const n = numRows;
    const d = numFeatures;
    const s = classStride(numClasses);
    this.numRows = n;
    this.numFeatures = d;
    this.numClasses = numClasses;
    this.stride = s;
    const rowStart = rowOffsets(matrix, n, d);
    const nnz = rowStart[n] as number;
    this.nonzeros = nnz;
    const plan = planMemory(n, nnz, d, numClasses);
    if (plan.bytes > MAX_KERNEL_BYTES) {
      throw new RangeError(
        `SoftmaxKernel: expected the compressed rows to fit WebAssembly's 4 GiB memory, found ${n} rows with ${nnz} nonzeros needing ${(plan.bytes / 2 ** 30).toFixed(1)} GiB`,
      );
    }
    const { exports, buffer } = instantiateWasm<KernelExports>(SOFTMAX_KERNEL_BASE64, plan.bytes);
    this.fn = exports;
    this.at = plan;
    const heldRowStart = new Int32Array(buffer, this.at.rowStart, n + 1);
    heldRowStart.set(rowStart);
    fillCompressedRows(
      matrix,
      n,
      d,
      heldRowStart,
      new Uint16Array(buffer, this.at.cols, nnz),
      new Float32Array(buffer, this.at.vals, nnz),
    );
    const all = new Int32Array(buffer, this.at.all, n);
    for (let i = 0; i < n; i++) all[i] = i;
    this.batchRows = new Int32Array(buffer, this.at.batch, n);
    this.labels = new Uint8Array(buffer, this.at.labels, n);
    this.labels.set(labels);
    this.batchLabels = new Uint8Array(buffer, this.at.batchLabels, n);
    new Int32Array(buffer, this.at.mask, s).fill(-1, 0, numClasses);
    this.biasBlock = new Float32Array(buffer, this.at.biasAcc, s);
    this.biasTotals = new Float64Array(numClasses);
    this.info = new Float32Array(buffer, this.at.info, 2 * BLOCK_ROWS);
    this.weights = new Float32Array(buffer, this.at.w, d * s);
    this.bias = new Float32Array(buffer, this.at.bias, s);
    this.totals = new Float64Array(buffer, this.at.g64, d * s);
    this.logitRows = new Float32Array(buffer, this.at.out, BLOCK_ROWS * s);
  }

  /**
   * Compress a row-major numRows × numFeatures matrix straight into a new kernel instance's
   * memory (the matrix is read twice and not kept), with each row's label in [0, numClasses).
   */
  static fromMatrix(
    matrix: Float32Array,
    labels: Uint8Array,
    numRows: number,
    numFeatures: number,
    numClasses: number,
  ): SoftmaxKernel {
    if (!Number.isInteger(numClasses) || numClasses < 1 || numClasses > 256) {
      throw new RangeError(
        `SoftmaxKernel: expected between 1 and 256 classes, found ${numClasses}`,
      );
    }
    if (labels.length !== numRows) {
      throw new RangeError(
        `SoftmaxKernel: expected ${numRows} labels, one per row, found ${labels.length}`,
      );
    }
    for (let i = 0; i < numRows; i++) {
      if ((labels[i] as number) >= numClasses) {
        throw new RangeError(
          `SoftmaxKernel: expected labels below ${numClasses}, found ${labels[i]} at row ${i}`,
        );
      }
    }
    return new SoftmaxKernel(matrix, labels, numRows, numFeatures, numClasses);
  }

  /** Load parameters [W (d×k row-major), b (k)] as float32 (padding lanes stay zero). */
  setParameters(x: Float64Array): void {
    const { numFeatures: d, numClasses: k, stride: s } = this;
    if (x.length !== d * k + k) {
      throw new RangeError(
        `SoftmaxKernel.setParameters: expected ${d * k + k} parameters (${d}×${k} weights, then ${k} biases), found ${x.length}`,
      );
    }
    for (let j = 0; j < d; j++) {
      for (let c = 0; c < k; c++) this.weights[j * s + c] = x[j * k + c] as number;
    }
    for (let c = 0; c < k; c++) this.bias[c] = x[d * k + c] as number;
  }

  /** Make `batch` (row indices) the 'batch' row list. */
  stageBatch(batch: Uint32Array): void {
    stageRows(batch, this.numRows, this.batchRows, 'SoftmaxKernel.stageBatch');
    for (let r = 0; r < batch.length; r++) {
      this.batchLabels[r] = this.labels[batch[r] as number] as number;
    }
  }

  /**
   * Logits of `count` ≤ BLOCK_ROWS rows from position `first` of a row list, `stride` apart, in a
   * view the next call overwrites. The caller may turn them into residuals in place for
   * `accumulate`.
   */
  logits(list: RowList, first: number, count: number): Float32Array {
    this.checkBlock(first, count);
    const { at, fn } = this;
    const rows = (list === 'all' ? at.all : at.batch) + 4 * first;
    if (this.stride === 12) {
      fn.logits12(at.rowStart, at.cols, at.vals, rows, count, at.w, at.bias, at.out);
    } else {
      fn.logitsN(
        at.rowStart,
        at.cols,
        at.vals,
        rows,
        count,
        at.w,
        at.bias,
        at.out,
        4 * this.stride,
      );
    }
    return this.logitRows.subarray(0, count * this.stride);
  }

  /**
   * Turn the block `logits` just returned into residuals P − Y in place (labels from the same row
   * list), add their column sums into the bias total, and return the block's loss and correct
   * count. Softmax runs in float32 SIMD with a polynomial exp; each row's log-sum-exp term is
   * added in float64.
   */
  softmax(list: RowList, first: number, count: number): BlockSums {
    this.checkBlock(first, count);
    const { at, fn, info, biasBlock, biasTotals } = this;
    const labels = (list === 'all' ? at.labels : at.batchLabels) + first;
    const { stride: s, numClasses: k } = this;
    const correct = fn.softmax(at.out, count, 4 * s, k, labels, at.mask, at.info, at.biasAcc);
    let lossSum = 0;
    for (let r = 0; r < count; r++) {
      lossSum += Math.log(info[2 * r] as number) + (info[2 * r + 1] as number);
    }
    for (let c = 0; c < k; c++) {
      biasTotals[c] = (biasTotals[c] as number) + (biasBlock[c] as number);
      biasBlock[c] = 0;
    }
    return { lossSum, correct };
  }

  /**
   * Add Σ xᵢ ⊗ rᵢ over the same block, rᵢ the rows `logits` returned (now residuals), into the
   * float64 gradient total.
   */
  accumulate(list: RowList, first: number, count: number): void {
    this.checkBlock(first, count);
    const { at, fn } = this;
    const rows = (list === 'all' ? at.all : at.batch) + 4 * first;
    if (this.stride === 12) {
      fn.accumulate12(at.rowStart, at.cols, at.vals, rows, count, at.g32, at.out);
    } else {
      fn.accumulateN(at.rowStart, at.cols, at.vals, rows, count, at.g32, at.out, 4 * this.stride);
    }
    fn.flush(at.g32, at.g64, 4 * this.numFeatures * this.stride);
  }

  /**
   * The gradient totals since the last call written into `target` (length d·k + k, float64): the
   * kernel's Σ xᵢ ⊗ rᵢ (d×k row-major) then the bias's Σ rᵢ (what `softmax` added up); both are
   * reset to zero.
   */
  takeGradient(target: Float64Array): void {
    const { numFeatures: d, numClasses: k, stride: s, totals, biasTotals } = this;
    for (let j = 0; j < d; j++) {
      for (let c = 0; c < k; c++) target[j * k + c] = totals[j * s + c] as number;
    }
    target.set(biasTotals, d * k);
    totals.fill(0);
    biasTotals.fill(0);
  }

  private checkBlock(first: number, count: number): void {
    if (count < 0 || count > BLOCK_ROWS || first < 0 || first + count > this.numRows) {
      throw new RangeError(
        `SoftmaxKernel: expected a block of at most ${BLOCK_ROWS} rows within ${this.numRows}, found rows ${first}..${first + count - 1}`,
      );
    }
  }
}
