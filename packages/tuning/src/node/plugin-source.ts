import { assertClassifierPlugin, type ClassifierPlugin } from '@digitlab/core';

/**
 * Where a worker thread finds a plugin: a module it can import (a file URL or absolute path, since
 * a bare package name resolves from this package, not the caller's) and the export holding a
 * ClassifierPlugin or a factory returning one (called without options).
 */
export interface PluginSource {
  readonly module: string;
  /** Default 'default'. */
  readonly export?: string;
}

/** Import the plugin a source names, checking its shape. */
export async function loadPluginSource(source: PluginSource): Promise<ClassifierPlugin> {
  const name = source.export ?? 'default';
  const module = (await import(source.module)) as Record<string, unknown>;
  let candidate = module[name];
  if (typeof candidate === 'function') candidate = (candidate as () => unknown)();
  assertClassifierPlugin(candidate, `export '${name}' of ${source.module}`);
  return candidate;
}
