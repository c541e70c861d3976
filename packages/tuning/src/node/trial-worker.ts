import { parentPort, workerData } from 'node:worker_threads';
import { datasetFromArrays } from '@digitlab/datasets';
import { createFoldData, runTrialTask } from '../trial-runner.js';
import { loadPluginSource } from './plugin-source.js';
import type { TrialWorkerData, TrialWorkerReply, TrialWorkerRequest } from './worker-protocol.js';

// One worker of a tuning run: loads the plugin, then runs the tasks it is sent one at a time.
const port = parentPort;
if (!port) throw new Error('trial-worker must run as a worker thread');
const reply = (message: TrialWorkerReply) => port.postMessage(message);
const data = workerData as TrialWorkerData;
const running = new Map<number, AbortController>();

try {
  const plugin = await loadPluginSource(data.source);
  const job = { ...data.job, train: datasetFromArrays(data.train) };
  const foldData = createFoldData(job);
  port.on('message', (request: TrialWorkerRequest) => {
    if (request.type === 'abort') {
      running.get(request.taskId)?.abort();
      return;
    }
    const { task } = request;
    const controller = new AbortController();
    running.set(task.id, controller);
    runTrialTask(
      plugin,
      job,
      foldData,
      task,
      (event) => reply({ type: 'event', taskId: task.id, event }),
      controller.signal,
    )
      .then(
        () => reply({ type: 'done', taskId: task.id }),
        (error: unknown) => reply({ type: 'failed', taskId: task.id, message: messageOf(error) }),
      )
      .finally(() => running.delete(task.id));
  });
  reply({ type: 'ready' });
} catch (error) {
  reply({ type: 'failed', message: messageOf(error) });
}

function messageOf(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message} ${process.env.TUNE_DEBUG ? error.stack : ''}`
    : String(error);
}
