import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildFailure, build, type ImportKind, type Message, type Plugin } from 'esbuild';
import { isNodeBuiltin, NODE_BUILTIN_FILTER } from './is-node-builtin.js';

/** An import of a Node built-in that a browser bundle would need. */
export interface NodeImport {
  /** As written: 'fs', 'node:fs/promises'. */
  readonly specifier: string;
  /** The importing file, relative to the working directory. */
  readonly importer: string;
  readonly kind: ImportKind;
}

/** What bundling an entry for the browser found. */
export interface BrowserBundleReport {
  /** The entry file, absolute. */
  readonly entry: string;
  /** Every Node built-in imported anywhere in the bundle, sorted by importer then specifier. */
  readonly nodeImports: readonly NodeImport[];
  /** Anything else esbuild could not bundle (a missing file or package), as file:line:column: text. */
  readonly errors: readonly string[];
}

// Marks the nested resolve below, so the plugin does not catch its own question.
const ASKING_ESBUILD = Symbol('asking esbuild');

function catchNodeBuiltins(found: NodeImport[]): Plugin {
  return {
    name: 'digitlab-node-builtins',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: NODE_BUILTIN_FILTER }, async (args) => {
        if (args.pluginData === ASKING_ESBUILD || !isNodeBuiltin(args.path)) return undefined;
        // A package may map a built-in to a browser stand-in (or to false) in its "browser"
        // field; esbuild honours that, and such an import is fine.
        const resolved = await pluginBuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: ASKING_ESBUILD,
        });
        if (resolved.errors.length === 0) return undefined;
        found.push({
          specifier: args.path,
          importer: relative('.', args.importer),
          kind: args.kind,
        });
        // External, so bundling goes on and every other Node import is reported too.
        return { path: args.path, external: true };
      });
    },
  };
}

function formatMessage({ location, text }: Message): string {
  return location ? `${location.file}:${location.line}:${location.column}: ${text}` : text;
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

/** Bundles an entry file with esbuild for `platform: 'browser'` and reports each Node built-in it imports. */
export async function bundleForBrowser(entryFile: string | URL): Promise<BrowserBundleReport> {
  const entry = resolve(entryFile instanceof URL ? fileURLToPath(entryFile) : entryFile);
  if (!existsSync(entry)) {
    throw new Error(
      `expected a built entry file at ${entry}, found nothing (build the package first)`,
    );
  }
  const nodeImports: NodeImport[] = [];
  let errors: Message[] = [];
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      logLevel: 'silent',
      plugins: [catchNodeBuiltins(nodeImports)],
    });
    errors = result.errors;
  } catch (error) {
    if (!isBuildFailure(error)) throw error;
    errors = error.errors;
  }
  nodeImports.sort(
    (a, b) => a.importer.localeCompare(b.importer) || a.specifier.localeCompare(b.specifier),
  );
  return { entry, nodeImports, errors: errors.map(formatMessage) };
}
