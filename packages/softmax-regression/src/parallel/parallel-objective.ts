import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerError } from '../errors.js';
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

interface Pending {
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
}

type Request = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

/**
 * Started gradient workers, each ready for a shard in one layout (with its own backend up, for
 * dense shards) but no data yet. Starting them (loading tfjs and compiling wasm in each thread)
 * is start-up, which a fit does before its clock starts; `ParallelObjective.load` then hands each
 * its shard.
 */
export class GradientWorkers {
  readonly size: number;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: WorkerError | undefined;
  private closed = false;

  private constructor(private readonly workers: Worker[]) {
    this.size = workers.length;
    for (const [w, worker] of workers.entries()) this.listen(worker, w);
  }

  /** Spawn `count` workers and wait until each is ready for a shard; fails with a WorkerError. */
  static async start(count: number, start: WorkerStart): Promise<GradientWorkers> {
    if (count < 1) throw new RangeError('GradientWorkers needs at least one worker');
    const script = workerScript();
    const workers: Worker[] = [];
    for (let w = 0; w < count; w++) {
      const worker = new Worker(script, { workerData: start });
      // Workers never keep the process alive on their own: a forgotten dispose cannot hang it.
      worker.unref();
      workers.push(worker);
    }
    try {
      await Promise.all(workers.map((worker, w) => waitReady(worker, w, count)));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return new GradientWorkers(workers);
  }

  /** Hand each worker its shard: the objective they compute (see `ParallelObjective.load`). */
  load(data: ObjectiveData): Promise<ParallelObjective> {
    return ParallelObjective.load(this, data);
  }

  /** Send one request to worker `w` (moving `transfer`) and wait for its reply. */
  request(w: number, request: Request, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) {
      return Promise.reject(
        new WorkerError('expected running gradient workers, found them stopped by dispose()'),
      );
    }
    const worker = this.workers[w];
    if (!worker) return Promise.reject(new RangeError(`no gradient worker ${w}`));
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as WorkerRequest, transfer);
    });
  }

  /** The same request to every worker, replies in worker order. */
  broadcast(request: Request): Promise<WorkerReply[]> {
    return Promise.all(this.workers.map((_, w) => this.request(w, request)));
  }

  /** Stop every worker (their shards go with them); idempotent. */
  async terminate(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new WorkerError('the gradient workers were stopped');
    for (const p of this.pending.values()) p.reject(stopped);
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private listen(worker: Worker, index: number): void {
    const where = `gradient worker ${index + 1} of ${this.size}`;
    worker.on('message', (reply: WorkerReply) => {
      const id = 'id' in reply ? reply.id : undefined;
      const pending = id === undefined ? undefined : this.pending.get(id);
      if (id !== undefined) this.pending.delete(id);
      if (reply.type === 'error') {
        const error = new WorkerError(`${where} failed: ${reply.message}`);
        if (pending) pending.reject(error);
        else this.fail(error);
        return;
      }
      pending?.resolve(reply);
    });
    worker.on('error', (error) => this.fail(new WorkerError(`${where} crashed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!this.closed)
        this.fail(new WorkerError(`${where} exited unexpectedly with code ${code}`));
    });
  }

  private fail(error: WorkerError): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
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
        Array.from({ length: pool.size }, (_, w) => {
          const first = Math.floor((w * n) / pool.size);
          const end = Math.floor(((w + 1) * n) / pool.size);
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

function waitReady(worker: Worker, index: number, count: number): Promise<void> {
  const where = `gradient worker ${index + 1} of ${count}`;
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      if (reply.type === 'ready') resolve();
      else if (reply.type === 'error')
        reject(new WorkerError(`${where} could not start: ${reply.message}`));
      else reject(new WorkerError(`${where} sent '${reply.type}' before it was ready`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new WorkerError(`${where} could not start: ${error.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new WorkerError(`${where} exited with code ${code} while starting`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/**
 * The compiled worker script. Under vitest this module runs from `src/` as TypeScript, where no
 * `.js` sibling exists, so it falls back to the build output (tests run after `build`).
 */
function workerScript(): URL {
  const sibling = new URL('./gradient-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = new URL('../../dist/parallel/gradient-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new WorkerError(
    `expected the compiled gradient worker at ${fileURLToPath(sibling)} or ${fileURLToPath(built)}, found neither (run the package build)`,
  );
}
