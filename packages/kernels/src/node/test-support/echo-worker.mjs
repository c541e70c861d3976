// A pool worker for the WorkerPool tests: echoes, fails, or exits on request. Plain JavaScript on
// the built package, because worker threads do not go through vitest's TypeScript transform.
import { workerData } from 'node:worker_threads';
import { serveRequests } from '@digitlab/kernels/node';

await serveRequests(async () => {
  if (workerData?.failStart) throw new Error('no kernel for you');
  return (request, transfer) => {
    if (request.type === 'fail') throw new Error(`cannot ${request.what}`);
    if (request.type === 'exit') process.exit(3);
    const doubled = Float64Array.from(request.values, (v) => 2 * v);
    transfer.push(doubled.buffer);
    return { type: 'doubled', doubled, worker: workerData?.index ?? -1 };
  };
});
