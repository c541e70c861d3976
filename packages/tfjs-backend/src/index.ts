export {
  activateBackend,
  type BackendOptions,
  defaultWasmDirectory,
  initializeBackend,
  resolveBackend,
  useBackend,
} from './backend.js';
export * from './common-api.js';
