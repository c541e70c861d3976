// Entry point of one part worker of a threaded MLP fit: it counts and writes its share of the
// compressed training set when asked, builds its share of the network from the leader's load
// request, replies, then runs the lockstep's commands (steps, export, import) on this thread until
// the leader posts Stop.
import { parentPort } from 'node:worker_threads';
import { LockstepStopped } from '@digitlab/kernels';
import { serveRequests } from '@digitlab/kernels/node';
import { MlpKernel } from '../sparse/mlp-kernel.js';
import { countedRoom, fillSharedRows } from '../sparse/shared-rows.js';
import { MlpPart } from './mlp-part.js';
import type { PartReply, PartRequest } from './part-protocol.js';
import { PartCommand, StepChannel } from './step-channel.js';

function follow(part: MlpPart, channel: StepChannel): void {
  const { lockstep, transfer } = channel;
  try {
    for (;;) {
      const command = lockstep.next();
      if (command === PartCommand.Step) part.step();
      else if (command === PartCommand.Export) {
        part.save(transfer.x, transfer.m, transfer.v);
        lockstep.arrive();
      } else if (command === PartCommand.ExportPoint) {
        part.savePoint(transfer.x);
        lockstep.arrive();
      } else if (command === PartCommand.Import) {
        part.load(transfer.x, transfer.m, transfer.v);
        lockstep.arrive();
      } else return;
    }
  } catch (error) {
    if (error instanceof LockstepStopped) return;
    // Wake the leader (it would otherwise wait for this part), then say why.
    lockstep.stop();
    parentPort?.postMessage({ type: 'error', message: (error as Error).message });
  }
}

await serveRequests<PartRequest, PartReply>(() => (request) => {
  if (request.type === 'count') {
    const { features, numColumns: d, first, end } = request;
    return { type: 'counted', entries: countedRoom(features, d, first, end).entries };
  }
  const { fill } = request;
  if (fill) fillSharedRows(request.rows, fill.features, fill.share);
  const channel = new StepChannel(request.sizes, request.label, request.channel);
  const kernel = MlpKernel.onSharedRows(request.rows, request.index);
  const part = new MlpPart({ ...request, kernel, channel });
  // After the reply has gone out: from then on this thread belongs to the lockstep.
  setImmediate(() => follow(part, channel));
  return { type: 'loaded' };
});
