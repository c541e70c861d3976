/**
 * A zeroed Float32Array on a SharedArrayBuffer. Every feature matrix this package creates lives in
 * shared memory, so a worker thread can be handed a dataset (or a row range of it) without a
 * copy: softmax regression's gradient workers read their shards straight from it. It behaves like
 * any Float32Array on this thread; posting it to a worker shares it instead of cloning it.
 *
 * Where SharedArrayBuffer does not exist (a browser page that is not cross-origin isolated), the
 * array sits on a plain ArrayBuffer instead: everything works, and posting it to a worker copies it.
 */
export function sharedFloat32(length: number): Float32Array {
  const bytes = length * Float32Array.BYTES_PER_ELEMENT;
  return new Float32Array(
    typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes),
  );
}
