// Entry point of one data-parallel gradient worker: it brings up its own TensorFlow.js backend (for
// dense shards), then receives a shard of the training set and answers "sums at x" requests until
// terminated.
import { parentPort, workerData } from 'node:worker_threads';
import { useBackend } from '@digitlab/tfjs-backend';
import type { LocalObjective } from '../gradient-objective.js';
import { createLocalObjective } from '../local-objective.js';
import type { WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('gradient-worker.js must run inside a worker thread');
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(reply, transfer);

const start = workerData as WorkerStart;
let objective: LocalObjective | undefined;

function handle(request: WorkerRequest): void {
  if (request.type === 'load') {
    objective?.dispose();
    // C only scales the penalty, which the main thread adds once to the summed data terms.
    objective = createLocalObjective({ ...request.shard, C: 1 }, start.layout, start.backend);
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
  if (start.layout === 'dense') await useBackend(start.backend);
  port.on('message', (request: WorkerRequest) => {
    try {
      handle(request);
    } catch (error) {
      send({ type: 'error', id: request.id, message: (error as Error).message });
    }
  });
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'error', message: (error as Error).message });
}
