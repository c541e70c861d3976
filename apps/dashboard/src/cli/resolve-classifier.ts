import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertClassifierPlugin, type ClassifierPlugin, type PluginRegistry } from '@digitlab/core';
import { PluginLoadError } from '../errors.js';

/**
 * The plugin named by `--classifier`: a registered name, or a module (a path starting with ./, ../
 * or /, resolved against `cwd`, or a package name) whose default export is a ClassifierPlugin or a
 * factory returning one.
 */
export async function resolveClassifier(
  spec: string,
  registry: PluginRegistry,
  cwd: string = process.cwd(),
): Promise<ClassifierPlugin> {
  if (registry.has(spec)) return registry.get(spec);
  const isPath = isPathSpec(spec);
  const target = classifierModuleUrl(spec, cwd);
  let module: Record<string, unknown>;
  try {
    module = (await import(target)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (
      !isPath &&
      code === 'ERR_MODULE_NOT_FOUND' &&
      (error as Error).message.includes(`'${spec}'`)
    ) {
      // Neither a registered name nor an installed package: the registry's error lists the names.
      registry.get(spec);
    }
    throw new PluginLoadError(
      spec,
      `could not load classifier module '${spec}'${isPath ? ` (${resolve(cwd, spec)})` : ''}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (!('default' in module)) {
    throw new PluginLoadError(
      spec,
      `classifier module '${spec}' has no default export: expected \`export default\` of a ClassifierPlugin (found exports: ${Object.keys(module).join(', ') || 'none'})`,
    );
  }
  let candidate = module.default;
  // A Rollup-style factory (`export default myPlugin`) is called without options.
  if (typeof candidate === 'function') candidate = (candidate as () => unknown)();
  assertClassifierPlugin(candidate, `the default export of '${spec}'`);
  return candidate;
}

/**
 * The module a non-registered `--classifier` names, as a URL a worker thread can import too: a
 * path resolved against `cwd`, or a package as the user's project (else digitlab) resolves it.
 */
export function classifierModuleUrl(spec: string, cwd: string = process.cwd()): string {
  return isPathSpec(spec) ? pathToFileURL(resolve(cwd, spec)).href : resolvePackage(spec, cwd);
}

function isPathSpec(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || isAbsolute(spec);
}

/**
 * A package name as the user's project sees it: resolved from `cwd` (where they installed it),
 * falling back to digitlab's own resolution (a package installed beside digitlab).
 */
function resolvePackage(spec: string, cwd: string): string {
  try {
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(spec)).href;
  } catch {
    return spec;
  }
}
