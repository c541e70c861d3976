import { fillCompressedRows, rowOffsets } from '@digitlab/kernels';
import { principalBasis } from './principal-basis.js';
import { PROJECTION_DIMS } from './projection-bounds.js';
import type { ProjectionIndexData } from './search-kernel.js';

/**
 * Everything a search kernel needs for rows (numRows × numFeatures, row-major): the rows
 * compressed, their squared norms, and a principal basis with its centre, all in plain arrays
 * (they are copied to every worker).
 */
export function projectionIndexData(
  features: Float32Array,
  numRows: number,
  numFeatures: number,
): ProjectionIndexData {
  const d = numFeatures;
  const dims = PROJECTION_DIMS;
  // Shared memory: handing the index to worker threads then copies nothing.
  const rowStart = rowOffsets(features, numRows, d, new Int32Array(shared(4 * (numRows + 1))));
  const nnz = rowStart[numRows] as number;
  const cols = new Uint16Array(shared(2 * nnz));
  const vals = new Float32Array(shared(4 * nnz));
  fillCompressedRows(features, numRows, d, rowStart, cols, vals);
  const { vectors, mean } = principalBasis(features, numRows, d, dims);
  const basis = new Float32Array(shared(4 * d * dims));
  basis.set(vectors);
  const center = new Float32Array(shared(4 * dims));
  for (let t = 0; t < dims; t++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += (mean[i] as number) * (basis[i * dims + t] as number);
    center[t] = s;
  }
  return { numRows, numFeatures: d, dims, rowStart, cols, vals, basis, center };
}

function shared(bytes: number): SharedArrayBuffer {
  return new SharedArrayBuffer(bytes);
}
