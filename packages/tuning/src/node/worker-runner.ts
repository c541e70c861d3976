import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TrialError } from '../errors.js';
import type { TrialTask } from '../task-plan.js';
import type { TrialEvent, TrialRunner, TuningJob } from '../trial-runner.js';
import type { PluginSource } from './plugin-source.js';
import type { TrialWorkerData, TrialWorkerReply, TrialWorkerRequest } from './worker-protocol.js';

/** Options of workerRunner. */
export interface WorkerRunnerOptions {
  /** The plugin as each worker imports it. */
  readonly source: PluginSource;
  /** Most worker threads (default: one per core, `os.availableParallelism()`). */
  readonly maxWorkers?: number;
}

interface Pending {
  readonly emit: (event: TrialEvent) => void;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Runs tasks in worker threads, one task per worker at a time, as many workers as the job's
 * concurrency. Every worker imports the plugin from `source` and shares the training features (a
 * SharedArrayBuffer, as `@digitlab/datasets` allocates them) instead of copying them.
 */
export function workerRunner(options: WorkerRunnerOptions): TrialRunner {
  const maxConcurrency = Math.max(1, options.maxWorkers ?? availableParallelism());
  let workers: Worker[] = [];
  let idle: Worker[] = [];
  const pending = new Map<number, Pending>();
  let failure: TrialError | undefined;

  const failAll = (error: TrialError): void => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  return {
    maxConcurrency,
    async start(job: TuningJob) {
      const { train, ...rest } = job;
      const data: TrialWorkerData = {
        source: options.source,
        train: {
          name: train.name,
          split: train.split,
          features: train.features,
          labels: train.labels,
          imageShape: train.imageShape,
          classNames: train.classNames,
          numClasses: train.numClasses,
          preprocessing: train.preprocessing,
        },
        job: rest,
      };
      const script = workerScript();
      workers = Array.from({ length: job.concurrency }, () => {
        const worker = new Worker(script, { workerData: data });
        worker.unref();
        return worker;
      });
      await Promise.all(
        workers.map(
          (worker, w) =>
            new Promise<void>((resolve, reject) => {
              const onReady = (message: TrialWorkerReply) => {
                if (message.type === 'ready') resolve();
                else if (message.type === 'failed') {
                  reject(
                    new TrialError(`trial worker ${w + 1}: could not start: ${message.message}`),
                  );
                }
              };
              worker.once('message', onReady);
              worker.once('error', (error) =>
                reject(new TrialError(`trial worker ${w + 1}: ${error.message}`)),
              );
            }),
        ),
      ).catch(async (error: unknown) => {
        await Promise.all(workers.map((worker) => worker.terminate()));
        workers = [];
        throw error;
      });
      for (const [w, worker] of workers.entries()) {
        worker.on('message', (message: TrialWorkerReply) => {
          if (message.type === 'event') pending.get(message.taskId)?.emit(message.event);
          else if (message.type === 'done') {
            const p = pending.get(message.taskId);
            pending.delete(message.taskId);
            idle.push(worker);
            p?.resolve();
          } else if (message.type === 'failed') {
            failAll(new TrialError(`trial worker ${w + 1}: ${message.message}`));
          }
        });
        worker.on('error', (error) =>
          failAll(new TrialError(`trial worker ${w + 1}: ${error.message}`)),
        );
        worker.on('exit', (code) => {
          if (workers.includes(worker)) {
            failAll(new TrialError(`trial worker ${w + 1} exited with code ${code} during a task`));
          }
        });
      }
      idle = [...workers];
    },
    run(task: TrialTask, emit, signal) {
      if (failure) return Promise.reject(failure);
      if (signal.aborted) return Promise.resolve();
      const worker = idle.pop();
      if (!worker) {
        return Promise.reject(new TrialError('workerRunner: more tasks at once than workers'));
      }
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => post(worker, { type: 'abort', taskId: task.id });
        signal.addEventListener('abort', onAbort, { once: true });
        const settle = () => signal.removeEventListener('abort', onAbort);
        pending.set(task.id, {
          emit,
          resolve: () => {
            settle();
            resolve();
          },
          reject: (error) => {
            settle();
            reject(error);
          },
        });
        post(worker, { type: 'run', task });
        if (signal.aborted) onAbort();
      });
    },
    async close() {
      const stopping = workers;
      workers = [];
      idle = [];
      for (const p of pending.values()) p.resolve();
      pending.clear();
      await Promise.all(stopping.map((worker) => worker.terminate()));
    },
  };
}

function post(worker: Worker, request: TrialWorkerRequest): void {
  worker.postMessage(request);
}

/** The compiled worker beside this file, or in dist when this file is the TypeScript source. */
function workerScript(): URL {
  const sibling = new URL('./trial-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = new URL('../../dist/node/trial-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new TrialError(
    `expected the compiled trial worker at ${fileURLToPath(sibling)} or ${fileURLToPath(built)}, found neither (run the package build)`,
  );
}
