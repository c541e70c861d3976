// Entry point of one data-parallel gradient worker: it loads what its layout needs (the WebAssembly
// kernel, or TensorFlow.js with its own backend for dense shards), then receives a shard of the
// training set and answers "sums at x" requests until terminated.
import { workerData } from 'node:worker_threads';
import { serveRequests } from '@digitlab/kernels/node';
import type { LocalObjective, ObjectiveData } from '../gradient-objective.js';
import type { WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol.js';

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

function handle(
  request: WorkerRequest,
  createObjective: CreateObjective,
  transfer: ArrayBuffer[],
): WorkerReply {
  if (request.type === 'load') {
    objective?.dispose();
    // C only scales the penalty, which the main thread adds once to the summed data terms.
    objective = createObjective({ ...request.shard, C: 1 });
    return { type: 'loaded' };
  }
  if (!objective) throw new Error(`expected a shard before '${request.type}', found none loaded`);
  if (request.type === 'sums') {
    const sums = objective.sums(request.x);
    const gradientSums = sums.gradientSums as Float64Array;
    transfer.push(gradientSums.buffer as ArrayBuffer);
    return {
      type: 'sums',
      lossSum: sums.lossSum,
      gradientSums,
      correct: sums.correct,
      rows: sums.rows,
    };
  }
  const correct = Math.round(objective.accuracy(request.x) * objective.numSamples);
  return { type: 'accuracy', correct };
}

await serveRequests<WorkerRequest, WorkerReply>(async () => {
  const createObjective = await prepare();
  return (request, transfer) => handle(request, createObjective, transfer);
});
