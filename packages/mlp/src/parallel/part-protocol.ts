import type { CompressedRows } from '@digitlab/kernels';
import type { MlpShape } from '../mlp-parameters.js';
import type { HiddenUnitPart } from './hidden-unit-parts.js';
import type { ChannelSizes } from './step-channel.js';

/**
 * The leader's first request to a part worker when the training set is on shared memory: compress
 * rows first .. end − 1 of it (onto shared memory), the worker's share of the start-up.
 */
export interface PartCompress {
  readonly type: 'compress';
  /** The row-major training set, a view of a SharedArrayBuffer. */
  readonly features: Float32Array;
  readonly numColumns: number;
  readonly first: number;
  readonly end: number;
}

/** The leader's last request to a part worker: build its part, then follow the lockstep. */
export interface PartLoad {
  readonly type: 'load';
  readonly index: number;
  readonly label: string;
  readonly channel: SharedArrayBuffer;
  readonly sizes: ChannelSizes;
  /**
   * The compressed training set on SharedArrayBuffers, in chunks of consecutive rows (each part
   * copies them into its memory).
   */
  readonly rows: readonly CompressedRows[];
  readonly labels: Uint8Array;
  readonly shape: MlpShape;
  readonly part: HiddenUnitPart;
}

/** What a part worker is asked to do. */
export type PartRequest = PartCompress | PartLoad;

/** The worker's replies: its compressed rows; its part built (it then runs the lockstep). */
export type PartReply =
  | { readonly type: 'compressed'; readonly rows: CompressedRows }
  | { readonly type: 'loaded' };
