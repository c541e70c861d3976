/** What every request carries on the wire: the pool's id, which the reply repeats. */
export type Envelope<T> = T & { readonly id: number };

/** Worker → pool messages besides replies: start-up done, or a failure (of request `id`, if any). */
export type ControlMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'error'; readonly id?: number; readonly message: string };

/** Every message shape a pool's worker sends. */
export type WorkerMessage<Reply> = ControlMessage | Envelope<Reply>;
