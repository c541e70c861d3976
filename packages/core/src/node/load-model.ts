import type { Classifier } from '../classifier.js';
import type { PluginRegistry } from '../registry.js';
import { readModelArtifact } from './model-directory.js';

/** Read a saved model directory and rebuild it through the plugin named in its manifest. */
export async function loadModel(dir: string, registry: PluginRegistry): Promise<Classifier> {
  const artifact = await readModelArtifact(dir);
  return registry.get(artifact.plugin).load(artifact);
}
