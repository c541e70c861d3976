import {
  type Classifier,
  type ModelMetadata,
  type PluginRegistry,
  preprocessingFromJson,
  readModelArtifact,
} from '@digitlab/core/node';
import type { PreprocessingStep } from '@digitlab/datasets';
import { UsageError } from '../errors.js';

/** A saved model ready to predict, with what it expects of its input. */
export interface SavedModel {
  readonly dir: string;
  readonly plugin: string;
  readonly classifier: Classifier;
  readonly metadata: ModelMetadata;
  /** How raw pixels become the features it was trained on. */
  readonly preprocessing: PreprocessingStep[];
}

/** Read a model directory and rebuild its classifier through the plugin that saved it. */
export async function loadSavedModel(dir: string, registry: PluginRegistry): Promise<SavedModel> {
  const artifact = await readModelArtifact(dir);
  if (!registry.has(artifact.plugin)) {
    throw new UsageError(
      `${dir}: the model was saved by classifier '${artifact.plugin}', which is not registered (registered: ${registry.names().join(', ')}); pass --classifier MODULE to load it`,
    );
  }
  const classifier = await registry.get(artifact.plugin).load(artifact);
  return {
    dir,
    plugin: artifact.plugin,
    classifier,
    metadata: artifact.metadata,
    preprocessing: preprocessingFromJson(
      artifact.metadata.preprocessing,
      artifact.metadata.numFeatures,
      dir,
    ),
  };
}

/** Loads a saved model, hands it to `use`, and disposes its classifier however `use` ends. */
export async function withSavedModel<T>(
  dir: string,
  registry: PluginRegistry,
  use: (model: SavedModel) => Promise<T>,
): Promise<T> {
  const model = await loadSavedModel(dir, registry);
  try {
    return await use(model);
  } finally {
    model.classifier.dispose();
  }
}
