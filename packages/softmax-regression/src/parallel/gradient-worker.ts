// Entry point of one data-parallel gradient worker: it loads what its layout needs (the WebAssembly
// kernel, or TensorFlow.js with its own backend for dense shards), then receives a shard of the
// training set and answers "sums at x" requests until terminated.
import { parentPort, workerData } from 'node:worker_threads';
import type { LocalObjective, ObjectiveData } from '../gradient-objective.js';

import type { WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('gradient-worker.js must run inside a worker thread');
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(reply, transfer);

const start = workerData as WorkerStart;
let objective: LocalObjective | undefined;
type CreateObjective = (data: ObjectiveData) => LocalObjective;

/**
 * Import only the layout's modules: a sparse worker never loads TensorFlow.js, which takes a
 * worker's start-up from ~0.5 s to ~0.15 s here.
 */
async function prepare(): Promise<CreateObjective> {
  if (start.layout === 'sparse') {
    const { SparseSoftmaxObjective } = await import('../sparse/sparse-objective.js');
    return (data) => SparseSoftmaxObjective.create(data);
  }
  const [{ useBackend }, { SoftmaxObjective, denseLayoutFor }] = await Promise.all([
    import('@digitlab/tfjs-backend'),
    import('../softmax-objective.js'),
  ]);
  await useBackend(start.backend);
  const layout = denseLayoutFor(start.backend);
  return (data) => SoftmaxObjective.create({ ...data, layout });
}

function handle(request: WorkerRequest, createObjective: CreateObjective): void {
  if (request.type === 'load') {
    objective?.dispose();
    // C only scales the penalty, which the main thread adds once to the summed data terms.
    objective = createObjective({ ...request.shard, C: 1 });
    send({ type: 'loaded', id: request.id });
    return;
  }
  if (!objective) throw new Error(`expected a shard before '${request.type}', found none loaded`);
  if (request.type === 'sums') {
    const sums = objective.sums(request.x);
    const gradientSums = sums.gradientSums as Float64Array;
    send(
      {
        type: 'sums',
        id: request.id,
        lossSum: sums.lossSum,
        gradientSums,
        correct: sums.correct,
        rows: sums.rows,
      },
      [gradientSums.buffer as ArrayBuffer],
    );
  } else {
    const correct = Math.round(objective.accuracy(request.x) * objective.numSamples);
    send({ type: 'accuracy', id: request.id, correct });
  }
}

try {
  const createObjective = await prepare();
  port.on('message', (request: WorkerRequest) => {
    try {
      handle(request, createObjective);
    } catch (error) {
      send({ type: 'error', id: request.id, message: (error as Error).message });
    }
  });
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'error', message: (error as Error).message });
}
