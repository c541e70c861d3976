import type { MlpShape } from '../mlp-parameters.js';
import type { SharedRows } from '../sparse/shared-rows.js';
import type { HiddenUnitPart } from './hidden-unit-parts.js';
import type { ChannelSizes } from './step-channel.js';

/** Share `share` of the rows of the row-major training set (on a SharedArrayBuffer), to compress. */
export interface RowShare {
  readonly features: Float32Array;
  readonly share: number;
}

/**
 * The leader's first request to a part worker when the training set is on shared memory and too
 * large to compress without counting it first: count the entries of rows first .. end − 1 (its
 * share of the rows).
 */
export interface PartCount {
  readonly type: 'count';
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
  /** The compressed training set every part reads, with room for each part's kernel. */
  readonly rows: SharedRows;
  /** Rows whose entries this worker writes into `rows` first (its share of compressing them). */
  readonly fill?: RowShare;
  readonly labels: Uint8Array;
  readonly shape: MlpShape;
  readonly part: HiddenUnitPart;
}

/** What a part worker is asked to do. */
export type PartRequest = PartCount | PartLoad;

/** The worker's replies: its share's count of entries; its part built (it then runs the lockstep). */
export type PartReply =
  | { readonly type: 'counted'; readonly entries: number }
  | { readonly type: 'loaded' };
