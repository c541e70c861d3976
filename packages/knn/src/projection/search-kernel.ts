import {
  instantiateWasm,
  layOutMemory,
  MAX_WASM_BYTES,
  wasmModuleSupported,
} from '@digitlab/kernels';
import { boundSettings, PROJECTION_DIMS, STAGE1_DIMS } from './projection-bounds.js';
import { SEARCH_KERNEL_BASE64 } from './search-kernel-binary.js';

/** The functions search-kernel.wat exports; every pointer is a byte offset into its memory. */
interface KernelExports {
  project(
    rowStart: number,
    cols: number,
    vals: number,
    first: number,
    count: number,
    basis: number,
    m: number,
    center: number,
    out: number,
  ): void;
  sqNorms(
    rowStart: number,
    cols: number,
    vals: number,
    first: number,
    count: number,
    out: number,
  ): void;
  search(cfg: number, q: number, qCols: number, qVals: number): void;
}

/** What a search kernel is loaded with: the training rows compressed, and the projection basis. */
export interface ProjectionIndexData {
  readonly numRows: number;
  readonly numFeatures: number;
  /** Directions of the basis: PROJECTION_DIMS. */
  readonly dims: number;
  /** numRows + 1 offsets into cols/vals. */
  readonly rowStart: Int32Array;
  readonly cols: Uint16Array;
  readonly vals: Float32Array;
  /** numFeatures × dims, row-major, orthonormal columns (or zero). */
  readonly basis: Float32Array;
  /** The basis applied to the rows' mean (dims): subtracted so projections are centred. */
  readonly center: Float32Array;
}

/** The k nearest rows of each query: rows and float64 squared distances, ascending (distance, row). */
export interface SearchResult {
  readonly indices: Int32Array;
  readonly sqDistances: Float64Array;
}

/** How much work the bounds left: rows that passed stage 1 and stage 2, summed over queries. */
export interface SearchCounts {
  readonly stage1: number;
  readonly stage2: number;
}

const CFG_BYTES = 160;
const PROJECT_ROWS = 256;

/** Whether this engine runs the kernel (it needs WebAssembly SIMD). */
export function searchKernelSupported(): boolean {
  return wasmModuleSupported(SEARCH_KERNEL_BASE64);
}

/**
 * One instance of the search kernel holding a whole index: its rows (compressed), their
 * projections and integer coordinates, and scratch for one query at a time.
 */
export class SearchKernel {
  private readonly exports: KernelExports;
  private readonly memory: ArrayBuffer | SharedArrayBuffer;
  private readonly at: Record<string, number>;
  private readonly n: number;
  private readonly d: number;

  /** Lay the index out in a fresh kernel memory, project every row and round its coordinates. */
  constructor(data: ProjectionIndexData) {
    const { numRows: n, numFeatures: d, dims: m } = data;
    if (m !== PROJECTION_DIMS) {
      throw new RangeError(`SearchKernel: expected ${PROJECTION_DIMS} directions, found ${m}`);
    }
    const nBlocks = Math.ceil(n / 4);
    const nnz = data.rowStart[n] as number;
    const at: Record<string, number> = layOutMemory({
      cfg: CFG_BYTES,
      rowStart: 4 * (n + 1),
      qRowStart: 8,
      cols: 2 * nnz,
      vals: 4 * nnz,
      xn: 8 * n,
      basis: 4 * d * m,
      center: 4 * m,
      proj: 4 * n * m,
      blocks: 256 * nBlocks,
      qnorms: 16 * nBlocks,
      partial: 16 * nBlocks,
      topIdx: 4 * n,
      topDist: 8 * n,
      heapIdx: 4 * n,
      heapVal: 4 * n,
      qProj: 4 * m,
      // Stage 2 reads one 64-byte row per candidate: one cache line once aligned.
      coords2: 64 * n + 48,
      qPairs: 128,
      cands: 4 * 256,
      query: 4 * d,
      qCols: 2 * d,
      qVals: 4 * d,
    });
    if ((at.bytes as number) > MAX_WASM_BYTES) {
      throw new RangeError(
        `exact knn search: expected an index within WebAssembly's 4 GiB, found ${n} rows needing ${((at.bytes as number) / 2 ** 30).toFixed(1)} GiB`,
      );
    }
    const instance = instantiateWasm<KernelExports>(SEARCH_KERNEL_BASE64, at.bytes as number);
    this.exports = instance.exports;
    this.memory = instance.buffer;
    this.at = at;
    this.n = n;
    this.d = d;
    const buf = this.memory;
    new Int32Array(buf, at.rowStart as number, n + 1).set(data.rowStart);
    new Uint16Array(buf, at.cols as number, nnz).set(data.cols.subarray(0, nnz));
    new Float32Array(buf, at.vals as number, nnz).set(data.vals.subarray(0, nnz));
    new Float32Array(buf, at.basis as number, d * m).set(data.basis);
    new Float32Array(buf, at.center as number, m).set(data.center);

    const p = at as Record<string, number>;
    p.coords2 = Math.ceil(p.coords2! / 64) * 64;
    for (let first = 0; first < n; first += PROJECT_ROWS) {
      const count = Math.min(PROJECT_ROWS, n - first);
      this.exports.sqNorms(p.rowStart!, p.cols!, p.vals!, first, count, p.xn! + 8 * first);
    }
    const sqNorms = new Float64Array(buf, p.xn!, n);
    // In calls of a few hundred rows: the engine optimizes a WebAssembly function between calls.
    for (let first = 0; first < n; first += PROJECT_ROWS) {
      const count = Math.min(PROJECT_ROWS, n - first);
      const out = p.proj! + first * m * 4;
      this.exports.project(
        p.rowStart!,
        p.cols!,
        p.vals!,
        first,
        count,
        p.basis!,
        m,
        p.center!,
        out,
      );
    }
    const proj = new Float32Array(buf, p.proj!, n * m);
    let maxCoordinate = 0;
    let xMax = 0;
    for (let j = 0; j < n; j++) {
      for (let t = 0; t < m; t++)
        maxCoordinate = Math.max(maxCoordinate, Math.abs(proj[j * m + t] as number));
      xMax = Math.max(xMax, Math.sqrt(sqNorms[j] as number));
    }
    const settings = boundSettings(data.basis, d, m, data.center, xMax, maxCoordinate);
    const blocks = new Int16Array(buf, p.blocks!, 128 * nBlocks);
    const coords2 = new Int16Array(buf, p.coords2!, 32 * n);
    const qnorms = new Int32Array(buf, p.qnorms!, 4 * nBlocks).fill(0x7fffffff);
    for (let j = 0; j < n; j++) {
      const block = j >> 2;
      const lane = j & 3;
      let norm = 0;
      for (let t = 0; t < m; t++) {
        // Math.round and the kernel's nearest-even differ only at halves: both within 0.5.
        const v = Math.round(settings.scale * (proj[j * m + t] as number));
        if (t < STAGE1_DIMS) {
          // Pair t >> 1 of the block is eight i16 lanes: row 0's two coordinates, row 1's, ...
          blocks[block * 128 + (t >> 1) * 8 + lane * 2 + (t & 1)] = v;
          norm += v * v;
        } else {
          coords2[j * 32 + t - STAGE1_DIMS] = v;
        }
      }
      qnorms[j] = norm;
    }
    const cfg = new DataView(buf, p.cfg!, CFG_BYTES);
    const i32 = (offset: number, value: number) => cfg.setInt32(offset, value, true);
    const f64 = (offset: number, value: number) => cfg.setFloat64(offset, value, true);
    i32(0, n);
    i32(4, d);
    i32(8, m);
    i32(16, p.blocks!);
    i32(20, p.qnorms!);
    i32(24, p.proj!);
    i32(28, p.rowStart!);
    i32(32, p.cols!);
    i32(36, p.vals!);
    i32(40, p.xn!);
    i32(44, p.partial!);
    i32(48, p.topIdx!);
    i32(52, p.topDist!);
    i32(56, p.heapIdx!);
    i32(60, p.heapVal!);
    i32(64, p.basis!);
    i32(68, p.center!);
    i32(72, p.qProj!);
    i32(76, nBlocks);
    i32(80, p.qPairs!);
    i32(84, p.qRowStart!);
    i32(152, p.coords2!);
    i32(156, p.cands!);
    f64(88, settings.scale);
    f64(96, settings.rootOnePlusF);
    f64(104, settings.etaA);
    f64(112, settings.etaB);
    f64(120, settings.xMax);
    f64(136, settings.exactError);
  }

  /** Rows that passed stage 1 and stage 2 since the kernel was loaded, summed over queries. */
  counts(): SearchCounts {
    const cfg = new DataView(this.memory, this.at.cfg as number, CFG_BYTES);
    return { stage1: cfg.getUint32(144, true), stage2: cfg.getUint32(148, true) };
  }

  /** The k nearest rows of each query (dense row-major float32, numFeatures each). */
  searchAll(queries: Float32Array, k: number): SearchResult {
    const count = queries.length / this.d;
    const out = { indices: new Int32Array(count * k), sqDistances: new Float64Array(count * k) };
    this.search(queries, k, out);
    return out;
  }

  /**
   * The k nearest rows of each of `count` queries (dense row-major float32, numFeatures each),
   * written from row `into` of the results.
   */
  search(queries: Float32Array, k: number, out: SearchResult, into = 0): void {
    const { n, d } = this;
    if (!Number.isInteger(k) || k < 1 || k > n) {
      throw new RangeError(`exact knn search: expected 1 ≤ k ≤ ${n}, found ${k}`);
    }
    const p = this.at as Record<string, number>;
    const buf = this.memory;
    new DataView(buf, p.cfg!, CFG_BYTES).setInt32(12, k, true);
    const query = new Float32Array(buf, p.query!, d);
    const qBits = new Int32Array(buf, p.query!, d);
    const qCols = new Uint16Array(buf, p.qCols!, d);
    const qVals = new Float32Array(buf, p.qVals!, d);
    const qRowStart = new Int32Array(buf, p.qRowStart!, 2);
    const topIdx = new Int32Array(buf, p.topIdx!, k);
    const topDist = new Float64Array(buf, p.topDist!, k);
    const count = queries.length / d;
    for (let r = 0; r < count; r++) {
      query.set(queries.subarray(r * d, (r + 1) * d));
      let nz = 0;
      for (let i = 0; i < d; i++) {
        // ±0 are both left out, read as bits like the training rows' compression.
        if ((qBits[i] as number) << 1 !== 0) {
          qCols[nz] = i;
          qVals[nz++] = query[i] as number;
        }
      }
      qRowStart[1] = nz;
      this.exports.search(p.cfg!, p.query!, p.qCols!, p.qVals!);
      out.indices.set(topIdx, (into + r) * k);
      out.sqDistances.set(topDist, (into + r) * k);
    }
  }
}
