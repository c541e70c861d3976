import { createAppRegistry, DEFAULT_CLASSIFIER } from '../plugins.js';
import type { CliIo } from './cli-io.js';
import { createProgram } from './program.js';
import { reportError } from './report-error.js';
import { resolveClassifier } from './resolve-classifier.js';

/** Run `digitlab` with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  try {
    const registry = createAppRegistry();
    const spec = classifierSpec(argv);
    const trainPlugin = await resolveClassifier(spec ?? DEFAULT_CLASSIFIER, registry, io.cwd);
    // A module plugin that reuses a built-in name would otherwise be shadowed silently (evaluate and
    // predict would load the built-in): registering it anyway raises DuplicatePluginError.
    if (!registry.has(trainPlugin.name) || registry.get(trainPlugin.name) !== trainPlugin) {
      registry.register(trainPlugin);
    }
    const context = { io, registry, trainPlugin, exitCode: 0 };
    await createProgram(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    return reportError(error, io, json);
  }
}

/**
 * The value of `--classifier`, read before parsing because it decides which flags `train` has. A
 * missing value is left for commander to report.
 */
export function classifierSpec(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return undefined;
    if (arg.startsWith('--classifier=')) return arg.slice('--classifier='.length);
    if (arg === '--classifier') {
      const value = argv[i + 1];
      return value === undefined || value.startsWith('-') ? undefined : value;
    }
  }
  return undefined;
}
