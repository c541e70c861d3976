// What runs without Node: everything of the main entry but starting the wasm backend, which reads
// its binaries from the installed package. A page registers wasm itself (or uses cpu or webgl).
export {
  type BrowserBackend,
  resolveBrowserBackend,
  useBrowserBackend,
} from '../browser-backend.js';
export * from '../common-api.js';
export { initializeCpuBackend } from '../cpu-backend.js';
