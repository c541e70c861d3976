import { type ClassifierPlugin, createRegistry, type PluginRegistry } from '@digitlab/core';
import { knn } from '@digitlab/knn';
import { mlp } from '@digitlab/mlp';
import { softmaxRegression } from '@digitlab/softmax-regression/node';
import {
  type BackendChoice,
  type ResolvedBackend,
  resolveBackend as resolveTfjsBackend,
} from '@digitlab/tfjs-backend';
import type { PluginSource } from '@digitlab/tuning/node';

/** The classifiers digitlab ships, in the order `digitlab plugins` lists them. */
export function builtinPlugins(): ClassifierPlugin[] {
  return [softmaxRegression(), mlp(), knn()];
}

/**
 * Where a worker thread imports each shipped plugin from (`digitlab tune` runs trials in worker
 * threads): the module's resolved URL and the factory's export name.
 */
export function builtinPluginSource(name: string): PluginSource | undefined {
  const sources: Readonly<Record<string, readonly [string, string]>> = {
    'softmax-regression': ['@digitlab/softmax-regression/node', 'softmaxRegression'],
    mlp: ['@digitlab/mlp', 'mlp'],
    knn: ['@digitlab/knn', 'knn'],
  };
  const entry = sources[name];
  return entry && { module: import.meta.resolve(entry[0]), export: entry[1] };
}

/** A fresh registry of the shipped plugins, plus any loaded from modules. */
export function createAppRegistry(extra: readonly ClassifierPlugin[] = []): PluginRegistry {
  return createRegistry([...builtinPlugins(), ...extra]);
}

/** The default classifier of `digitlab train`. */
export const DEFAULT_CLASSIFIER = 'softmax-regression';

/**
 * Resolve a backend request as the shipped plugins would (TensorFlow.js's `auto`: wasm when it
 * initializes, else cpu with a note saying why), without training. `train` asks this once and hands
 * the plugin the answer, so the header, the JSON and the saved model name the backend that runs and
 * the plugin has nothing left to resolve.
 */
export function resolveBackend(choice: string): Promise<ResolvedBackend> {
  return resolveTfjsBackend(choice as BackendChoice);
}
