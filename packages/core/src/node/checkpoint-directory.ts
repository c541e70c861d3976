import {
  checkpointFromArtifact,
  checkpointToArtifact,
  type FitCheckpoint,
} from '../fit-checkpoint.js';
import { readModelArtifact, saveModel } from './model-directory.js';

/**
 * Write a checkpoint directory: a model directory (loadable by `loadModel`, `digitlab evaluate`)
 * with the checkpoint's files beside the model's, replaced atomically as a whole by `saveModel`.
 */
export function saveCheckpoint(dir: string, checkpoint: FitCheckpoint): Promise<void> {
  return saveModel(dir, checkpointToArtifact(checkpoint));
}

/**
 * Read a checkpoint directory, checking every file's size and checksum; a missing, corrupt or
 * foreign file is an ArtifactError naming it.
 */
export async function loadCheckpoint(dir: string): Promise<FitCheckpoint> {
  return checkpointFromArtifact(await readModelArtifact(dir), dir);
}
