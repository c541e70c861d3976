import { PassThrough } from 'node:stream';
import type { ClassifierPlugin } from '@digitlab/core';
import { settledOrTypedError } from '@digitlab/core/testing';
import { type Command, CommanderError, type Option } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { builtinPlugins, createAppRegistry } from '../plugins.js';
import type { CliIo } from './cli-io.js';
import { classifierSpec } from './main.js';
import { collectPluginOptions, pluginFlags } from './plugin-flags.js';
import { createProgram } from './program.js';
import { resolveTrainSettings, type TrainFlags, type TrainSettings } from './train-settings.js';

const RUNS = 1500;

function quietIo(): CliIo {
  const sink = () => new PassThrough().resume() as unknown as NodeJS.WriteStream;
  return {
    stdout: sink(),
    stderr: sink(),
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    env: {},
    cwd: '/',
  };
}

/**
 * The program as `digitlab` builds it, with every command's action replaced: `train` resolves its
 * settings as its action does (no backend probing) and stops there; the others only parse.
 */
function parsingProgram(plugin: ClassifierPlugin): {
  program: Command;
  settings: () => TrainSettings | undefined;
} {
  const context = {
    io: quietIo(),
    registry: createAppRegistry(),
    trainPlugin: plugin,
    exitCode: 0,
  };
  const program = createProgram(context);
  let settings: TrainSettings | undefined;
  const flags = pluginFlags(plugin);
  for (const command of program.commands) {
    command.action(async (parsed: TrainFlags & Record<string, unknown>) => {
      if (command.name() !== 'train') return;
      settings = await resolveTrainSettings(plugin, parsed, collectPluginOptions(flags, parsed), {
        interactive: false,
      });
    });
  }
  return { program, settings: () => settings };
}

/** Every flag the program knows (long and short, with their choices), and its command names. */
function vocabulary(program: Command): { words: string[]; values: string[] } {
  const words = new Set<string>();
  const values = new Set<string>();
  const add = (options: readonly Option[]) => {
    for (const option of options) {
      if (option.long) words.add(option.long);
      if (option.short) words.add(option.short);
      for (const choice of option.argChoices ?? []) values.add(choice);
    }
  };
  add(program.options);
  for (const command of program.commands) {
    words.add(command.name());
    add(command.options);
  }
  return { words: [...words], values: [...values] };
}

function argvFor(program: Command): fc.Arbitrary<string[]> {
  const { words, values } = vocabulary(program);
  const value = fc.oneof(
    fc.constantFrom(...values, '0', '1', '-1', '2.5', '1e309', 'NaN', '', ' ', 'auto', 'true', 'x'),
    fc.integer({ min: -10, max: 100_000 }).map(String),
    fc.string({ maxLength: 8 }),
  );
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...words) },
    { weight: 3, arbitrary: value },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...words), value).map(([w, v]) => `${w}=${v}`),
    },
    { weight: 1, arbitrary: fc.constantFrom('--', '-', '--no-json', '-x', '--help', '--version') },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => `--${s}`) },
  );
  return fc.array(token, { maxLength: 8 });
}

describe('the command line on random argv (fuzz): parsed settings or a typed usage error', () => {
  it.each(builtinPlugins().map((p) => [p.name, p] as const))(
    "with classifier '%s'",
    async (_, plugin) => {
      const { program: model } = parsingProgram(plugin);
      await fc.assert(
        fc.asyncProperty(argvFor(model), async (argv) => {
          expect(['string', 'undefined']).toContain(typeof classifierSpec(argv));
          const { program, settings } = parsingProgram(plugin);
          const outcome = await settledOrTypedError(
            // --help and --version end parsing with a CommanderError of exit code 0: not a failure.
            () =>
              program.parseAsync(argv, { from: 'user' }).catch((error: unknown) => {
                if (error instanceof CommanderError && error.exitCode === 0) return undefined;
                throw error;
              }),
            [CommanderError, UsageError],
          );
          const resolved = settings();
          if (outcome instanceof Error || resolved === undefined) return;
          // What train accepted is what it will run: options the plugin's schema accepts.
          expect(plugin.options.safeParse(resolved.options).success).toBe(true);
          expect(['plain', 'json']).toContain(resolved.mode);
        }),
        { numRuns: RUNS, timeout: 2000 },
      );
    },
    60_000,
  );
});
