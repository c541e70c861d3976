import type { ProjectionIndexData, SearchResult } from './search-kernel.js';

/** Requests a search worker answers. */
export type SearchRequest =
  /** The principal basis of sampled rows (while the main thread compresses the rest). */
  | { readonly type: 'basis'; readonly rows: Float32Array; readonly numFeatures: number }
  /** Build a kernel over the whole index (its arrays are shared memory: nothing is copied). */
  | { readonly type: 'load'; readonly data: ProjectionIndexData }
  /** The k nearest rows of each query (dense row-major float32). */
  | { readonly type: 'search'; readonly queries: Float32Array; readonly k: number };

/** A search worker's replies. */
export type SearchReply =
  | { readonly type: 'basis'; readonly vectors: Float64Array; readonly mean: Float64Array }
  | { readonly type: 'loaded' }
  | ({ readonly type: 'found' } & SearchResult);
