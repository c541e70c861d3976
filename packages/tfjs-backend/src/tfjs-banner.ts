/**
 * tfjs-backend-cpu prints this notice (through tfjs-core's `backend_util.warn`, i.e. console.warn)
 * from `MathBackendCPU.write` the first time a cpu backend stores a tensor under Node.js.
 */
const BANNER_TEXT = 'looks like you are running TensorFlow.js in Node.js';

/** Whether console.warn arguments are exactly tfjs-backend-cpu's "install tfjs-node" notice. */
export function isTfjsNodeBanner(args: readonly unknown[]): boolean {
  const [first] = args;
  return (
    args.length === 1 &&
    typeof first === 'string' &&
    first.includes(BANNER_TEXT) &&
    first.includes('tfjs-node')
  );
}
