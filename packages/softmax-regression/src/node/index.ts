// Everything of the main entry too, so Node code needs one import; the plugin factory and defaults
// below replace the main entry's, adding gradient worker threads and the wasm backend.

export { WorkerError } from '@digitlab/kernels/node';
export * from '../index.js';
export {
  defaultWorkerCount,
  effectiveWorkerCount,
  GradientWorkers,
  MIN_ROWS_PER_WORKER,
  ParallelObjective,
  startGradientWorkers,
} from '../parallel/parallel-objective.js';
export type { Shard, WorkerStart } from '../parallel/worker-protocol.js';
export { DEFAULT_OPTIONS, softmaxRegression } from './plugin.js';
