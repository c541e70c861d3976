import { fillCompressedRows, rowOffsets } from '@digitlab/kernels';
import { type PrincipalBasis, principalBasis } from './principal-basis.js';
import { PROJECTION_DIMS } from './projection-bounds.js';
import type { ProjectionIndexData } from './search-kernel.js';

/** Rows estimated from: this many, evenly spaced. */
export const BASIS_SAMPLE_ROWS = 1024;

/** Rows compressed into shared memory: handing them to worker threads then copies nothing. */
export type CompressedIndexRows = Pick<
  ProjectionIndexData,
  'numRows' | 'numFeatures' | 'rowStart' | 'cols' | 'vals'
>;

/**
 * Everything a search kernel needs for rows (numRows × numFeatures, row-major): the rows
 * compressed and a principal basis with its centre, in shared memory.
 */
export function projectionIndexData(
  features: Float32Array,
  numRows: number,
  numFeatures: number,
): ProjectionIndexData {
  const sample = basisSample(features, numRows, numFeatures);
  const basis = principalBasis(sample, sample.length / numFeatures, numFeatures, PROJECTION_DIMS);
  return withBasis(compressForSearch(features, numRows, numFeatures), basis);
}

/** The rows the basis is estimated from (BASIS_SAMPLE_ROWS evenly spaced ones, or all). */
export function basisSample(features: Float32Array, numRows: number, d: number): Float32Array {
  const count = Math.min(numRows, BASIS_SAMPLE_ROWS);
  const out = new Float32Array(count * d);
  for (let s = 0; s < count; s++) {
    const row = Math.floor((s * numRows) / count);
    out.set(features.subarray(row * d, (row + 1) * d), s * d);
  }
  return out;
}

/** The rows without their zeros, in shared memory. */
export function compressForSearch(
  features: Float32Array,
  numRows: number,
  numFeatures: number,
): CompressedIndexRows {
  const d = numFeatures;
  const rowStart = rowOffsets(features, numRows, d, new Int32Array(shared(4 * (numRows + 1))));
  const nnz = rowStart[numRows] as number;
  const cols = new Uint16Array(shared(2 * nnz));
  const vals = new Float32Array(shared(4 * nnz));
  fillCompressedRows(features, numRows, d, rowStart, cols, vals);
  return { numRows, numFeatures: d, rowStart, cols, vals };
}

/** Compressed rows with a float32 copy of the basis and its centre (the basis applied to the mean). */
export function withBasis(
  rows: CompressedIndexRows,
  { vectors, mean, dims }: PrincipalBasis,
): ProjectionIndexData {
  const d = rows.numFeatures;
  const basis = new Float32Array(shared(4 * d * dims));
  basis.set(vectors);
  const center = new Float32Array(shared(4 * dims));
  for (let t = 0; t < dims; t++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += (mean[i] as number) * (basis[i * dims + t] as number);
    center[t] = s;
  }
  return { ...rows, dims, basis, center };
}

function shared(bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(bytes);
}
