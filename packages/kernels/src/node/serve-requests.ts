import { parentPort } from 'node:worker_threads';
import type { ControlMessage, Envelope, WorkerMessage } from './worker-messages.js';

/**
 * Answers one request; buffers pushed onto `transfer` are moved to the pool with the reply, not
 * copied.
 */
export type RequestHandler<Request, Reply> = (
  request: Request,
  transfer: ArrayBuffer[],
) => Reply | Promise<Reply>;

/**
 * The worker side of a `WorkerPool`: run `prepare` (load modules, compile wasm), tell the pool
 * it is ready, then answer each request with the handler's reply. A throwing handler becomes an
 * error reply for that request alone, so the pool stays usable; a failing `prepare` becomes a
 * start-up error.
 */
export async function serveRequests<Request extends { readonly type: string }, Reply>(
  prepare: () => RequestHandler<Request, Reply> | Promise<RequestHandler<Request, Reply>>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveRequests: expected to run inside a worker thread, found none');
  const send = (message: WorkerMessage<Reply>, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  let handler: RequestHandler<Request, Reply>;
  try {
    handler = await prepare();
  } catch (error) {
    send({ type: 'error', message: (error as Error).message } satisfies ControlMessage);
    return;
  }
  port.on('message', async (request: Envelope<Request>) => {
    try {
      const transfer: ArrayBuffer[] = [];
      const reply = await handler(request, transfer);
      send({ ...reply, id: request.id }, transfer);
    } catch (error) {
      send({ type: 'error', id: request.id, message: (error as Error).message });
    }
  });
  send({ type: 'ready' });
}
