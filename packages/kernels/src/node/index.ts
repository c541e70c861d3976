// Everything of the main entry too, so Node code needs one import.
export * from '../index.js';
export { type RequestHandler, serveRequests } from './serve-requests.js';
export { WorkerError } from './worker-error.js';
export type { ControlMessage, Envelope, WorkerMessage } from './worker-messages.js';
export {
  findWorkerScript,
  liveWorkerCount,
  type StartWorkersOptions,
  startWorkers,
  WorkerPool,
} from './worker-pool.js';
