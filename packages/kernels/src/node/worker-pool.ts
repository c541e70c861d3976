import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerError } from './worker-error.js';
import type { Envelope, WorkerMessage } from './worker-messages.js';

interface Pending<Reply> {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: Error) => void;
}

/** How to start a pool's workers. */
export interface StartWorkersOptions {
  /** What the workers are called in errors ("gradient worker 2 of 2 failed: …"). */
  readonly label: string;
  /** Handed to every worker as `workerData`. */
  readonly workerData?: unknown;
}

// Every worker this module started that has not exited yet, in this thread: what long-run tests
// and benchmarks check a disposed classifier leaves behind (zero).
let live = 0;

/** How many workers started by `startWorkers` are still running (have not emitted 'exit'). */
export function liveWorkerCount(): number {
  return live;
}

/**
 * Spawn `count` workers running `script` (which calls `serveRequests`) and wait until each is
 * ready; fails with a WorkerError naming the worker, after stopping them all. Workers never keep
 * the process alive on their own, so a forgotten `terminate` cannot hang it.
 */
export async function startWorkers(
  script: URL,
  count: number,
  { label, workerData }: StartWorkersOptions,
): Promise<Worker[]> {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`startWorkers: expected at least one ${label}, found ${count}`);
  }
  const workers: Worker[] = [];
  for (let w = 0; w < count; w++) {
    const worker = new Worker(script, { workerData });
    live++;
    worker.once('exit', () => {
      live--;
    });
    worker.unref();
    workers.push(worker);
  }
  try {
    await Promise.all(
      workers.map((worker, w) => waitReady(worker, `${label} ${w + 1} of ${count}`)),
    );
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  return workers;
}

/**
 * Started workers answering typed requests: each request gets an id, the reply with that id
 * settles it. An error reply rejects that request alone with a WorkerError naming the worker; a
 * crashed or exited worker fails every pending and later request.
 */
export class WorkerPool<Request extends { readonly type: string }, Reply> {
  readonly size: number;
  private readonly pending = new Map<number, Pending<Reply>>();
  private nextId = 0;
  private failure: WorkerError | undefined;
  private closed = false;

  /** Take over workers from `startWorkers` (the pool stops them in `terminate`). */
  constructor(
    protected readonly workers: Worker[],
    private readonly label: string,
  ) {
    this.size = workers.length;
    for (const [w, worker] of workers.entries()) this.listen(worker, w);
  }

  /** Send one request to worker `w` (moving `transfer`) and wait for its reply. */
  request(w: number, request: Request, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) {
      return Promise.reject(
        new WorkerError(`expected running ${this.label}s, found them stopped by dispose()`),
      );
    }
    const worker = this.workers[w];
    if (!worker) return Promise.reject(new RangeError(`no ${this.label} ${w}`));
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } satisfies Envelope<Request>, transfer);
    });
  }

  /** The same request to every worker, replies in worker order. */
  broadcast(request: Request): Promise<Reply[]> {
    return Promise.all(this.workers.map((_, w) => this.request(w, request)));
  }

  /** Stop every worker; idempotent. */
  async terminate(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new WorkerError(`the ${this.label}s were stopped`);
    for (const p of this.pending.values()) p.reject(stopped);
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private listen(worker: Worker, index: number): void {
    const where = `${this.label} ${index + 1} of ${this.size}`;
    worker.on('message', (message: WorkerMessage<Reply>) => {
      const id = 'id' in message ? message.id : undefined;
      const pending = id === undefined ? undefined : this.pending.get(id);
      if (id !== undefined) this.pending.delete(id);
      const control = message as { type?: unknown; message?: unknown };
      if (control.type === 'error') {
        const error = new WorkerError(`${where} failed: ${String(control.message)}`);
        if (pending) pending.reject(error);
        else this.fail(error);
        return;
      }
      pending?.resolve(message as Reply);
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

function waitReady(worker: Worker, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: unknown; message?: unknown }) => {
      cleanup();
      if (message.type === 'ready') resolve();
      else if (message.type === 'error')
        reject(new WorkerError(`${where} could not start: ${String(message.message)}`));
      else reject(new WorkerError(`${where} sent '${String(message.type)}' before it was ready`));
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
 * The first of `candidates` (compiled worker scripts) that exists. Under vitest a package runs
 * from `src/` as TypeScript, where no `.js` sibling exists, so callers list the sibling first and
 * the build output second (tests run after `build`).
 */
export function findWorkerScript(candidates: readonly URL[]): URL {
  for (const url of candidates) if (existsSync(fileURLToPath(url))) return url;
  throw new WorkerError(
    `expected a compiled worker script at ${candidates.map((u) => fileURLToPath(u)).join(' or ')}, found none (run the package build)`,
  );
}
