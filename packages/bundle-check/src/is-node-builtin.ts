import { builtinModules, isBuiltin } from 'node:module';

/** True for a Node built-in, written bare ('fs', 'fs/promises') or with the node: scheme. */
export function isNodeBuiltin(specifier: string): boolean {
  // node: also covers schemes-only modules (node:test, node:sqlite) and ones newer than this Node.
  return specifier.startsWith('node:') || isBuiltin(specifier);
}

const escapeRegExp = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An esbuild onResolve filter matching what isNodeBuiltin accepts, so other imports stay in Go. */
export const NODE_BUILTIN_FILTER = new RegExp(
  `^(?:node:.*|${builtinModules.map(escapeRegExp).join('|')})$`,
);
