// Tools for property-based tests of decoders (fast-check), shared by every package's fuzz tests.
export {
  type ErrorClass,
  resultOrTypedError,
  settledOrTypedError,
  unexpectedFailure,
} from './expect-only.js';
export { mutatedBytes } from './mutated-bytes.js';
