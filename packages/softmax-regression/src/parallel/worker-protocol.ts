import type { Layout } from '@digitlab/kernels';
import type { BackendName } from '@digitlab/tfjs-backend';

/**
 * What a gradient worker is started with, before any data: the layout its shard will be held in,
 * and the backend that holds dense shards (a sparse worker never starts one).
 */
export interface WorkerStart {
  readonly backend: BackendName;
  readonly layout: Layout;
}

/** A worker's shard of the training set: a view of shared memory, or a copy moved to it. */
export interface Shard {
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
}

/** Main thread → worker (the pool adds each request's id; see @digitlab/kernels/node). */
export type WorkerRequest =
  | { readonly type: 'load'; readonly shard: Shard }
  | { readonly type: 'sums'; readonly x: Float64Array }
  | { readonly type: 'accuracy'; readonly x: Float64Array };

/** Worker → main thread, in answer to a request (start-up and errors are the pool's). */
export type WorkerReply =
  | { readonly type: 'loaded' }
  | {
      readonly type: 'sums';
      readonly lossSum: number;
      readonly gradientSums: Float64Array;
      readonly correct: number;
      readonly rows: number;
    }
  | { readonly type: 'accuracy'; readonly correct: number };
