import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackendName } from '@digitlab/tfjs-backend';
import { WorkerError } from '../errors.js';
import {
  addObjectiveSums,
  assembleObjective,
  type ObjectiveEvaluation,
  type ObjectiveSums,
} from '../objective-sums.js';
import { layoutFor } from '../softmax-objective.js';
import type { ShardInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

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

/** What `ParallelObjective.create` needs. */
export interface ParallelObjectiveData {
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly C: number;
  readonly backend: BackendName;
  readonly workers: number;
}

interface Pending {
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The softmax objective computed data-parallel: each worker thread holds a contiguous shard of the
 * rows on its own backend and returns unscaled sums; the main thread adds them in shard order
 * (reproducible) and applies scaling and penalty once. The main thread stays free meanwhile, so a
 * terminal UI keeps drawing during long gradients.
 */
export class ParallelObjective {
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly C: number;
  readonly workerCount: number;
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: WorkerError | undefined;
  private closed = false;

  private constructor(data: ParallelObjectiveData, workers: Worker[]) {
    this.numSamples = data.numSamples;
    this.numFeatures = data.numFeatures;
    this.numClasses = data.numClasses;
    this.C = data.C;
    this.workers = workers;
    this.workerCount = workers.length;
  }

  /** Start the workers and wait until each has its shard in tensors; fails with a WorkerError. */
  static async create(data: ParallelObjectiveData): Promise<ParallelObjective> {
    const count = effectiveWorkerCount(data.workers, data.numSamples);
    if (count === 0) throw new RangeError('ParallelObjective needs at least one worker');
    const { numSamples: n, numFeatures: d } = data;
    const script = workerScript();
    const workers: Worker[] = [];
    const ready: Promise<void>[] = [];
    for (let w = 0; w < count; w++) {
      const first = Math.floor((w * n) / count);
      const end = Math.floor(((w + 1) * n) / count);
      // slice() copies the shard into its own buffer, which is then moved to the worker.
      const init: ShardInit = {
        features: data.features.slice(first * d, end * d),
        labels: data.labels.slice(first, end),
        numSamples: end - first,
        numFeatures: d,
        numClasses: data.numClasses,
        backend: data.backend,
        layout: layoutFor(data.backend),
      };
      const worker = new Worker(script, {
        workerData: init,
        transferList: [init.features.buffer as ArrayBuffer, init.labels.buffer as ArrayBuffer],
      });
      // Workers never keep the process alive on their own: a forgotten dispose cannot hang it.
      worker.unref();
      workers.push(worker);
      ready.push(waitReady(worker, w, count));
    }
    const objective = new ParallelObjective(data, workers);
    try {
      await Promise.all(ready);
    } catch (error) {
      await objective.dispose();
      throw error;
    }
    for (const [w, worker] of workers.entries()) objective.listen(worker, w);
    return objective;
  }

  /** Full-batch value, gradient and training accuracy at x. */
  async evaluate(x: Float64Array): Promise<ObjectiveEvaluation> {
    const replies = await this.broadcast({ type: 'sums', x });
    const parts = replies.map((r): ObjectiveSums => {
      if (r.type !== 'sums')
        throw new WorkerError(`expected sums from a gradient worker, found '${r.type}'`);
      return r;
    });
    const sums = addObjectiveSums(parts, x.length);
    return assembleObjective(x, sums, this);
  }

  /** Fraction of training samples classified correctly at x. */
  async accuracy(x: Float64Array): Promise<number> {
    const replies = await this.broadcast({ type: 'accuracy', x });
    let correct = 0;
    for (const r of replies) if (r.type === 'accuracy') correct += r.correct;
    return correct / this.numSamples;
  }

  /** Stop every worker (their tensors go with them); idempotent. */
  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new WorkerError('the gradient workers were stopped');
    for (const p of this.pending.values()) p.reject(stopped);
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private broadcast(request: {
    type: WorkerRequest['type'];
    x: Float64Array;
  }): Promise<WorkerReply[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed)
      return Promise.reject(
        new WorkerError('expected running gradient workers, found them stopped by dispose()'),
      );
    return Promise.all(
      this.workers.map((worker) => {
        const id = this.nextId++;
        return new Promise<WorkerReply>((resolve, reject) => {
          this.pending.set(id, { resolve, reject });
          worker.postMessage({ type: request.type, id, x: request.x } satisfies WorkerRequest);
        });
      }),
    );
  }

  private listen(worker: Worker, index: number): void {
    const where = `gradient worker ${index + 1} of ${this.workerCount}`;
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
