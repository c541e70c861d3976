import type { CompressedRows } from '@digitlab/kernels';
import type { MlpShape } from '../mlp-parameters.js';
import type { HiddenUnitPart } from './hidden-unit-parts.js';
import type { ChannelSizes } from './step-channel.js';

/** The leader's one request to a part worker: build its part, then follow the lockstep. */
export interface PartLoad {
  readonly type: 'load';
  readonly index: number;
  readonly label: string;
  readonly channel: SharedArrayBuffer;
  readonly sizes: ChannelSizes;
  /** The compressed training set, on SharedArrayBuffers (each part copies it into its memory). */
  readonly rows: CompressedRows;
  readonly labels: Uint8Array;
  readonly shape: MlpShape;
  readonly part: HiddenUnitPart;
}

/** The worker's reply once its part is built (it then runs the lockstep's commands). */
export interface PartLoaded {
  readonly type: 'loaded';
}
