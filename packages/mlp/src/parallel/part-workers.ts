import type { Worker } from 'node:worker_threads';
import { findWorkerScript, startWorkers, WorkerPool } from '@digitlab/kernels/node';
import type { PartReply, PartRequest } from './part-protocol.js';

/**
 * Started part workers of a threaded MLP fit, waiting for their part. Starting them (a thread,
 * its modules, the kernel's compilation) is start-up, which a fit does before its clock starts;
 * `ThreadedMlpAdam.start` then hands each its part.
 */
export class PartWorkers extends WorkerPool<PartRequest, PartReply> {
  private constructor(workers: Worker[]) {
    super(workers, 'mlp part worker');
  }

  /** Spawn `count` part workers and wait until each is ready; fails with a WorkerError. */
  static async start(count: number): Promise<PartWorkers> {
    const script = findWorkerScript([
      new URL('./part-worker.js', import.meta.url),
      new URL('../../dist/parallel/part-worker.js', import.meta.url),
    ]);
    return new PartWorkers(await startWorkers(script, count, { label: 'mlp part worker' }));
  }
}
