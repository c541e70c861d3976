// Entry point of one part worker of a threaded MLP fit: it compresses its share of the training
// set when asked, builds its share of the network from the leader's load request, replies, then
// runs the lockstep's commands (steps, export, import) on this thread until the leader posts Stop.
import { parentPort } from 'node:worker_threads';
import { compressRows, LockstepStopped } from '@digitlab/kernels';
import { serveRequests } from '@digitlab/kernels/node';
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
  if (request.type === 'compress') {
    const { features, numColumns: d, first, end } = request;
    const rows = compressRows(features.subarray(first * d, end * d), end - first, d, {
      shared: true,
    });
    return { type: 'compressed', rows };
  }
  const channel = new StepChannel(request.sizes, request.label, request.channel);
  const part = new MlpPart({ ...request, rows: request.rows, channel });
  // After the reply has gone out: from then on this thread belongs to the lockstep.
  setImmediate(() => follow(part, channel));
  return { type: 'loaded' };
});
