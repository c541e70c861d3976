import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  findWorkerScript,
  shardRanges,
  startWorkers,
  WorkerError,
  WorkerPool,
} from '@digitlab/kernels/node';
import type { ObjectiveData } from '../gradient-objective.js';
import {
  addObjectiveSums,
  assembleObjective,
  type ObjectiveEvaluation,
  type ObjectiveSums,
} from '../objective-sums.js';
import type { Shard, WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol.js';

/** Shards smaller than this cost more in messaging than they save in arithmetic. */
export const MIN_ROWS_PER_WORKER = 1000;

/** One worker per core: the default for full-batch training. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * How many workers `requested` becomes for n rows: none when the data is too small to be worth a
 * round trip, and never more than shards of MIN_ROWS_PER_WORKER rows can keep busy.
 */
export function effectiveWorkerCount(requested: number, numSamples: number): number {
  if (requested <= 0 || numSamples < MIN_ROWS_PER_WORKER) return 0;
  return Math.max(1, Math.min(requested, Math.floor(numSamples / MIN_ROWS_PER_WORKER)));
}

/**
 * Start workers for full-batch gradients on `numSamples` rows (see `effectiveWorkerCount` for how
 * many), or none when the data is too small to be worth a round trip.
 */
export async function startGradientWorkers(
  requested: number,
  numSamples: number,
  start: WorkerStart,
): Promise<GradientWorkers | undefined> {
  const count = effectiveWorkerCount(requested, numSamples);
  return count === 0 ? undefined : GradientWorkers.start(count, start);
}

/**
 * Started gradient workers, each ready for a shard in one layout (with its own backend up, for
 * dense shards) but no data yet. Starting them (loading tfjs and compiling wasm in each thread)
 * is start-up, which a fit does before its clock starts; `ParallelObjective.load` then hands each
 * its shard.
 */
export class GradientWorkers extends WorkerPool<WorkerRequest, WorkerReply> {
  private constructor(workers: Worker[]) {
    super(workers, 'gradient worker');
  }

  /** Spawn `count` workers and wait until each is ready for a shard; fails with a WorkerError. */
  static async start(count: number, start: WorkerStart): Promise<GradientWorkers> {
    if (count < 1) throw new RangeError('GradientWorkers needs at least one worker');
    const script = findWorkerScript([
      new URL('./gradient-worker.js', import.meta.url),
      new URL('../../dist/parallel/gradient-worker.js', import.meta.url),
    ]);
    const workers = await startWorkers(script, count, {
      label: 'gradient worker',
      workerData: start,
    });
    return new GradientWorkers(workers);
  }

  /** Hand each worker its shard: the objective they compute (see `ParallelObjective.load`). */
  load(data: ObjectiveData): Promise<ParallelObjective> {
    return ParallelObjective.load(this, data);
  }
}

/**
 * The softmax objective computed data-parallel: each worker thread holds a contiguous shard of the
 * rows (compressed, or as tensors on its own backend) and returns unscaled sums; the main thread
 * adds them in shard order (reproducible) and applies scaling and penalty once. The main thread stays free meanwhile, so a
 * terminal UI keeps drawing during long gradients.
 */
export class ParallelObjective {
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly C: number;
  readonly workerCount: number;

  private constructor(
    data: ObjectiveData,
    private readonly pool: GradientWorkers,
  ) {
    this.numSamples = data.numSamples;
    this.numFeatures = data.numFeatures;
    this.numClasses = data.numClasses;
    this.C = data.C;
    this.workerCount = pool.size;
  }

  /**
   * Hand each started worker a contiguous shard and wait until all hold it in their layout. Features
   * in shared memory (as @digitlab/datasets allocates them) are passed as views, which costs no
   * copy; others are copied once per shard and moved. The objective owns the pool from here:
   * disposing it stops the workers.
   */
  static async load(pool: GradientWorkers, data: ObjectiveData): Promise<ParallelObjective> {
    const { numSamples: n, numFeatures: d } = data;
    const shared = data.features.buffer instanceof SharedArrayBuffer;
    const objective = new ParallelObjective(data, pool);
    try {
      await Promise.all(
        shardRanges(n, pool.size).map(({ first, end }, w) => {
          const shard: Shard = {
            features: shared
              ? data.features.subarray(first * d, end * d)
              : data.features.slice(first * d, end * d),
            labels: data.labels.slice(first, end),
            numSamples: end - first,
            numFeatures: d,
            numClasses: data.numClasses,
          };
          const moved = [shard.labels.buffer as ArrayBuffer];
          if (!shared) moved.push(shard.features.buffer as ArrayBuffer);
          return pool.request(w, { type: 'load', shard }, moved);
        }),
      );
    } catch (error) {
      await pool.terminate();
      throw error;
    }
    return objective;
  }

  /** Full-batch value, gradient and training accuracy at x. */
  async evaluate(x: Float64Array): Promise<ObjectiveEvaluation> {
    const replies = await this.pool.broadcast({ type: 'sums', x });
    const parts = replies.map((r): ObjectiveSums => {
      if (r.type !== 'sums') {
        throw new WorkerError(`expected sums from a gradient worker, found '${r.type}'`);
      }
      return r;
    });
    return assembleObjective(x, addObjectiveSums(parts, x.length), this);
  }

  /** Fraction of training samples classified correctly at x. */
  async accuracy(x: Float64Array): Promise<number> {
    const replies = await this.pool.broadcast({ type: 'accuracy', x });
    let correct = 0;
    for (const r of replies) if (r.type === 'accuracy') correct += r.correct;
    return correct / this.numSamples;
  }

  /** Stop every worker (their shards go with them); idempotent. */
  dispose(): Promise<void> {
    return this.pool.terminate();
  }
}
