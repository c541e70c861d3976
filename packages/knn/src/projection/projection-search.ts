import { shardRanges } from '@digitlab/kernels';
import { findWorkerScript, startWorkers, WorkerPool } from '@digitlab/kernels/node';
import type { PrincipalBasis } from './principal-basis.js';
import { PROJECTION_DIMS } from './projection-bounds.js';
import { type ProjectionIndexData, SearchKernel, type SearchResult } from './search-kernel.js';
import type { SearchReply, SearchRequest } from './search-protocol.js';

/** Queries searched between two turns of the event loop when searching on this thread. */
const IN_THREAD_QUERIES = 256;

/** Worker threads of the projection search, before and after they hold an index. */
export class SearchWorkers extends WorkerPool<SearchRequest, SearchReply> {
  /** Spawn `count` workers and wait until each is ready; fails with a WorkerError. */
  static async start(count: number): Promise<SearchWorkers> {
    const script = findWorkerScript([
      new URL('./search-worker.js', import.meta.url),
      new URL('../../dist/projection/search-worker.js', import.meta.url),
    ]);
    return new SearchWorkers(
      await startWorkers(script, count, { label: 'knn search worker' }),
      'knn search worker',
    );
  }

  /** The principal basis of `rows` (row-major, numFeatures each), computed by the first worker. */
  async basis(rows: Float32Array, numFeatures: number): Promise<PrincipalBasis> {
    const reply = await this.request(0, { type: 'basis', rows, numFeatures });
    if (reply.type !== 'basis') throw new Error(`expected a basis, found '${reply.type}'`);
    return { numFeatures, dims: PROJECTION_DIMS, vectors: reply.vectors, mean: reply.mean };
  }
}

/**
 * Exact k-nearest-neighbour search over an index, on this thread (workers = 0) or split by queries
 * over worker threads that each hold a kernel over the whole index (the index's arrays are shared
 * memory, so loading them copies nothing on this side).
 */
export class ProjectionSearch {
  private constructor(
    private readonly numFeatures: number,
    private readonly kernel: SearchKernel | undefined,
    private readonly pool: SearchWorkers | undefined,
  ) {}

  /**
   * Build the kernels: here (0), in that many new worker threads, or in started `SearchWorkers`
   * (which the search then owns: `dispose` stops them, as does a failure to load).
   */
  static async start(
    data: ProjectionIndexData,
    workers: number | SearchWorkers,
  ): Promise<ProjectionSearch> {
    if (workers === 0)
      return new ProjectionSearch(data.numFeatures, new SearchKernel(data), undefined);
    const pool = typeof workers === 'number' ? await SearchWorkers.start(workers) : workers;
    try {
      await pool.broadcast({ type: 'load', data });
    } catch (error) {
      await pool.terminate();
      throw error;
    }
    return new ProjectionSearch(data.numFeatures, undefined, pool);
  }

  /** The k nearest rows of each query (dense row-major float32), ascending (distance, row). */
  async search(queries: Float32Array, k: number): Promise<SearchResult> {
    if (this.kernel) return this.searchHere(this.kernel, queries, k);
    const pool = this.pool as SearchWorkers;
    const d = this.numFeatures;
    const count = queries.length / d;
    // Fewer queries than workers: leave the rest idle rather than send empty shards.
    const shards = shardRanges(count, Math.max(1, Math.min(pool.size, count)));
    const replies = await Promise.all(
      shards.map(({ first, end }, w) =>
        pool.request(w, { type: 'search', queries: queries.slice(first * d, end * d), k }),
      ),
    );
    const indices = new Int32Array(count * k);
    const sqDistances = new Float64Array(count * k);
    replies.forEach((reply, w) => {
      if (reply.type !== 'found') throw new Error(`expected search results, found '${reply.type}'`);
      const at = (shards[w]?.first ?? 0) * k;
      indices.set(reply.indices, at);
      sqDistances.set(reply.sqDistances, at);
    });
    return { indices, sqDistances };
  }

  /** On this thread, IN_THREAD_QUERIES at a time, giving the event loop a turn in between. */
  private async searchHere(
    kernel: SearchKernel,
    queries: Float32Array,
    k: number,
  ): Promise<SearchResult> {
    const d = this.numFeatures;
    const count = queries.length / d;
    const out = { indices: new Int32Array(count * k), sqDistances: new Float64Array(count * k) };
    for (let first = 0; first < count; first += IN_THREAD_QUERIES) {
      if (first > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const end = Math.min(count, first + IN_THREAD_QUERIES);
      kernel.search(queries.subarray(first * d, end * d), k, out, first);
    }
    return out;
  }

  /** Stop the workers (if any); idempotent. */
  async dispose(): Promise<void> {
    await this.pool?.terminate();
  }
}
