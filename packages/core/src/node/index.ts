// Everything of the main entry too, so Node code needs one import; what is below reads and writes
// model directories, and so exists only here.
export * from '../index.js';
export { loadCheckpoint, saveCheckpoint } from './checkpoint-directory.js';
export { loadModel } from './load-model.js';
export { readModelArtifact, saveModel } from './model-directory.js';
