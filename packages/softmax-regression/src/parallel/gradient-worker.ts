// Entry point of one data-parallel gradient worker: it owns a shard of the training set on its own
// TensorFlow.js backend and answers "sums at x" requests until the main thread terminates it.
import { parentPort, workerData } from 'node:worker_threads';
import { useBackend } from '@digitlab/tfjs-backend';
import { SoftmaxObjective } from '../softmax-objective.js';
import type { ShardInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('gradient-worker.js must run inside a worker thread');
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(reply, transfer);

async function start(init: ShardInit): Promise<SoftmaxObjective> {
  await useBackend(init.backend);
  // C only scales the penalty, which the main thread adds once to the summed data terms.
  return SoftmaxObjective.create({ ...init, C: 1 });
}

try {
  const objective = await start(workerData as ShardInit);
  port.on('message', (request: WorkerRequest) => {
    try {
      if (request.type === 'sums') {
        const sums = objective.sums(request.x);
        const gradientSums = sums.gradientSums as Float32Array;
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
    } catch (error) {
      send({ type: 'error', id: request.id, message: (error as Error).message });
    }
  });
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'error', message: (error as Error).message });
}
