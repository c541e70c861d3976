import {
  LockstepStopped,
  MAX_COMPRESSED_COLUMNS,
  type ShardRange,
  shardRanges,
} from '@digitlab/kernels';
import { WorkerError } from '@digitlab/kernels/node';
import type { AdamEngine, AdamStepConstants } from '@digitlab/optimizers';
import { type MlpShape, parameterOffsets } from '../mlp-parameters.js';
import type { RowShareRoom } from '../sparse/kernel-memory.js';
import { MlpKernel } from '../sparse/mlp-kernel.js';
import {
  countedRoom,
  fillSharedRows,
  type SharedRows,
  shareRows,
  UNCOUNTED_ROOM_BYTES,
  uncountedRooms,
} from '../sparse/shared-rows.js';
import { hiddenUnitParts, partShape } from './hidden-unit-parts.js';
import { MlpPart } from './mlp-part.js';
import type { RowShare } from './part-protocol.js';
import type { PartWorkers } from './part-workers.js';
import { PartCommand, StepChannel } from './step-channel.js';

/** What a threaded fit trains on. */
export interface ThreadedMlpData extends MlpShape {
  /** n×d row-major. */
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly numSamples: number;
  /** L2 strength (scikit-learn's alpha). */
  readonly alpha: number;
  /** Rows of the largest mini-batch. */
  readonly batchSize: number;
}

const LABEL = 'mlp parts';

/**
 * The training set compressed once into a shared memory with room for every part's kernel. When
 * the set is itself on a SharedArrayBuffer (the datasets loaders put it there) this thread and the
 * workers each compress a share of the rows (`fills`); otherwise this thread does it all. Each
 * share goes into room for all its values (virtual memory, touched only where entries land), or,
 * for a set too large for that, into exactly its room, counted first.
 */
async function shareInParts(
  features: Float32Array,
  n: number,
  d: number,
  shapes: readonly MlpShape[],
  workers: PartWorkers | undefined,
  uncountedRoomBytes: number,
): Promise<{ rows: SharedRows; fills: RowShare[] }> {
  const parts = shapes.length;
  const ranges =
    parts === 1 || workers === undefined || !(features.buffer instanceof SharedArrayBuffer)
      ? [{ first: 0, end: n }]
      : shardRanges(n, parts);
  const rooms =
    uncountedRooms(
      ranges.map(({ first, end }) => end - first),
      d,
      uncountedRoomBytes,
    ) ?? (await countRooms(features, d, ranges, workers));
  return {
    rows: shareRows(rooms, shapes),
    fills: ranges.map((_, share) => ({ features, share })),
  };
}

/** Each share's room, counted: this thread counts the first, the workers one each of the others. */
async function countRooms(
  features: Float32Array,
  d: number,
  ranges: readonly ShardRange[],
  workers: PartWorkers | undefined,
): Promise<RowShareRoom[]> {
  const [own, ...others] = ranges as [ShardRange, ...ShardRange[]];
  const theirs = others.map(({ first, end }, w) =>
    (workers as PartWorkers).request(w, { type: 'count', features, numColumns: d, first, end }),
  );
  const mine = countedRoom(features, d, own.first, own.end);
  const replies = await Promise.all(theirs);
  return [
    mine,
    ...replies.map((reply, w) => {
      if (reply.type !== 'counted')
        throw new Error(`${LABEL}: expected a count of entries, found a '${reply.type}' reply`);
      const { first, end } = others[w] as ShardRange;
      return { rows: end - first, entries: reply.entries, counted: true };
    }),
  ];
}

/**
 * Adam on an MLP in float32 with the hidden units split between this thread and part workers
 * (see MlpPart): each thread holds its units' weights and moments, so a step moves no gradient
 * between threads, only each part's partial logits and three norms. The same arithmetic as
 * SparseMlpObjective's gradient followed by Adam, in float32 throughout (the gradient sums already
 * are); with one part it runs on this thread alone.
 */
export class ThreadedMlpAdam implements AdamEngine {
  readonly dimension: number;
  /** Threads that train a share of the hidden units (this one included). */
  readonly parts: number;
  private readonly leader: MlpPart;
  private readonly channel: StepChannel;
  private readonly alpha: number;

  private constructor(leader: MlpPart, channel: StepChannel, alpha: number, dimension: number) {
    this.leader = leader;
    this.channel = channel;
    this.alpha = alpha;
    this.dimension = dimension;
    this.parts = channel.sizes.parts;
  }

  /**
   * Compress the training set once into a shared memory (each thread a share of the rows when the
   * set is on shared memory too), build this thread's part on it and hand the workers theirs: one part
   * per worker beside this thread's, fewer when the hidden layer has fewer 4-unit vectors than
   * threads.
   */
  static async start(
    data: ThreadedMlpData,
    workers?: PartWorkers,
    options: {
      /** The most bytes of room set aside for entries without counting them (UNCOUNTED_ROOM_BYTES). */
      readonly uncountedRoomBytes?: number;
    } = {},
  ): Promise<ThreadedMlpAdam> {
    const { numFeatures: d, hiddenUnits: h, numClasses: k, numSamples: n } = data;
    if (d > MAX_COMPRESSED_COLUMNS) {
      throw new RangeError(
        `ThreadedMlpAdam: expected at most ${MAX_COMPRESSED_COLUMNS} features (16-bit columns), found ${d}`,
      );
    }
    const shape = { numFeatures: d, hiddenUnits: h, numClasses: k };
    const parts = hiddenUnitParts(h, 1 + (workers?.size ?? 0));
    const shapes = parts.map((part) => partShape(shape, part));
    const { rows, fills } = await shareInParts(
      data.features,
      n,
      d,
      shapes,
      workers,
      options.uncountedRoomBytes ?? UNCOUNTED_ROOM_BYTES,
    );
    const sizes = {
      parts: parts.length,
      batchRows: Math.min(data.batchSize, n),
      parameters: parameterOffsets(shape).length,
    };
    const channel = new StepChannel(sizes, LABEL);
    const labels = data.labels;
    // The workers write their share of the rows while this thread writes its own, then each binds
    // its part's kernel to them (parts beyond the first exist only when there are workers).
    const loaded = parts.slice(1).map((part, w) =>
      (workers as PartWorkers).request(w, {
        type: 'load',
        index: w + 1,
        label: LABEL,
        channel: channel.buffer,
        sizes,
        rows,
        ...(fills[w + 1] === undefined ? {} : { fill: fills[w + 1] }),
        labels,
        shape,
        part,
      }),
    );
    fillSharedRows(rows, data.features, 0);
    const kernel = MlpKernel.onSharedRows(rows, 0);
    const leader = new MlpPart({ index: 0, kernel, labels, shape, part: parts[0]!, channel });
    await Promise.all(loaded);
    return new ThreadedMlpAdam(leader, channel, data.alpha, sizes.parameters);
  }

  load(x: Float64Array, m: Float64Array, v: Float64Array): void {
    const { transfer } = this.channel;
    transfer.x.set(x);
    transfer.m.set(m);
    transfer.v.set(v);
    this.together(PartCommand.Import, () => this.leader.load(x, m, v));
  }

  save(x: Float64Array, m: Float64Array, v: Float64Array): void {
    const { transfer } = this.channel;
    this.together(PartCommand.Export, () => this.leader.save(transfer.x, transfer.m, transfer.v));
    x.set(transfer.x);
    m.set(transfer.m);
    v.set(transfer.v);
  }

  /** The current point without the moments (what the loop reads after every epoch). */
  savePoint(x: Float64Array): void {
    const { transfer } = this.channel;
    this.together(PartCommand.ExportPoint, () => this.leader.savePoint(transfer.x));
    x.set(transfer.x);
  }

  step(batch: Uint32Array, constants: AdamStepConstants) {
    const { channel } = this;
    if (batch.length > channel.sizes.batchRows) {
      throw new RangeError(
        `ThreadedMlpAdam.step: expected at most ${channel.sizes.batchRows} rows, found ${batch.length}`,
      );
    }
    channel.batch.set(batch);
    channel.writeSettings(batch.length, this.alpha, constants);
    return this.guarded(() => {
      if (this.parts > 1) channel.lockstep.post(PartCommand.Step);
      return this.leader.step();
    });
  }

  /** Tell the workers to stop following (they then wait to be terminated). */
  stop(): void {
    const { lockstep } = this.channel;
    if (this.parts > 1 && !lockstep.stopped) lockstep.post(PartCommand.Stop);
    lockstep.stop();
  }

  /** Run a command in every part: the workers' and this thread's, then meet. */
  private together(command: number, own: () => void): void {
    this.guarded(() => {
      if (this.parts > 1) this.channel.lockstep.post(command);
      own();
      this.channel.lockstep.arrive();
    });
  }

  private guarded<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof LockstepStopped) {
        throw new WorkerError(
          `${LABEL}: a part worker stopped in the middle of a step (its own error follows from the worker pool)`,
        );
      }
      throw error;
    }
  }
}
