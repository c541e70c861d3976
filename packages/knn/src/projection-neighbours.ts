import type { NeighbourBatch } from './nearest-neighbours.js';
import type { NeighbourIndex } from './neighbour-index.js';
import type { KnnOptions } from './options.js';

/**
 * The k nearest rows of every query by the projection search (all queries as one batch): rows
 * in ascending order of their float64 squared distance ‖q‖² + ‖x‖² − 2·q·x, equal ones in row
 * order. For distance weights the k distances are then recomputed directly as Σ (qᵢ − xᵢ)², which
 * does not cancel for near-duplicates: an exact match comes out as exactly 0.
 */
export async function projectionNeighbours(
  index: NeighbourIndex,
  queries: Float32Array,
  options: Pick<KnnOptions, 'k' | 'workers'>,
  withDistances: boolean,
): Promise<NeighbourBatch> {
  const { k } = options;
  const d = index.numFeatures;
  const rows = queries.length / d;
  const search = await index.projectionSearch(options.workers);
  const { indices } = await search.search(queries, k);
  if (!withDistances) return { start: 0, rows, indices, sqDistances: undefined };
  const { rowStart, cols, vals } = index.projection();
  const sq = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const q = r * d;
    for (let j = 0; j < k; j++) {
      const row = indices[r * k + j] as number;
      sq[r * k + j] = direct(queries, q, d, rowStart, cols, vals, row);
    }
  }
  return { start: 0, rows, indices, sqDistances: sq };
}

/** Σ (qᵢ − xᵢ)² over every feature, in float64, walking the row's entries alongside. */
function direct(
  queries: Float32Array,
  q: number,
  d: number,
  rowStart: Int32Array,
  cols: Uint16Array,
  vals: Float32Array,
  row: number,
): number {
  let p = rowStart[row] as number;
  const end = rowStart[row + 1] as number;
  let s = 0;
  for (let i = 0; i < d; i++) {
    let x = 0;
    if (p < end && cols[p] === i) x = vals[p++] as number;
    const diff = (queries[q + i] as number) - x;
    s += diff * diff;
  }
  return s;
}
