import type { BackendName } from '@digitlab/tfjs-backend';
import type { DataLayout } from '../softmax-objective.js';

/** What a gradient worker is started with: its shard of the training set, moved (not copied). */
export interface ShardInit {
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly backend: BackendName;
  readonly layout: DataLayout;
}

/** Main thread → worker. */
export type WorkerRequest =
  | { readonly type: 'sums'; readonly id: number; readonly x: Float64Array }
  | { readonly type: 'accuracy'; readonly id: number; readonly x: Float64Array };

/** Worker → main thread. */
export type WorkerReply =
  | { readonly type: 'ready' }
  | {
      readonly type: 'sums';
      readonly id: number;
      readonly lossSum: number;
      readonly gradientSums: Float32Array;
      readonly correct: number;
      readonly rows: number;
    }
  | { readonly type: 'accuracy'; readonly id: number; readonly correct: number }
  | { readonly type: 'error'; readonly id?: number; readonly message: string };
