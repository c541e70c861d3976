export * from '../index.js';
export { loadPluginSource, type PluginSource } from './plugin-source.js';
export { type WorkerRunnerOptions, workerRunner } from './worker-runner.js';
