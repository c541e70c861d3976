import { type ClassifierPlugin, createRegistry, type PluginRegistry } from '@digitlab/core';
import { knn } from '@digitlab/knn';
import { mlp } from '@digitlab/mlp';
import { softmaxRegression } from '@digitlab/softmax-regression';
import { type BackendName, initializeBackend } from '@digitlab/tfjs-backend';

/** The classifiers digitlab ships, in the order `digitlab plugins` lists them. */
export function builtinPlugins(): ClassifierPlugin[] {
  return [softmaxRegression(), mlp(), knn()];
}

/** A fresh registry of the shipped plugins, plus any loaded from modules. */
export function createAppRegistry(extra: readonly ClassifierPlugin[] = []): PluginRegistry {
  return createRegistry([...builtinPlugins(), ...extra]);
}

/** The default classifier of `digitlab train`. */
export const DEFAULT_CLASSIFIER = 'softmax-regression';

/**
 * Initialize a TensorFlow.js backend without training, to pick a default: resolves when `name` is
 * usable in this process, rejects with the reason otherwise.
 */
export function probeBackend(name: string): Promise<void> {
  return initializeBackend(name as BackendName);
}
