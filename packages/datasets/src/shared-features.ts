/**
 * A zeroed Float32Array on a SharedArrayBuffer. Every feature matrix this package creates lives in
 * shared memory, so a worker thread can be handed a dataset (or a row range of it) without a
 * copy: softmax regression's gradient workers read their shards straight from it. It behaves like
 * any Float32Array on this thread; posting it to a worker shares it instead of cloning it.
 */
export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}
