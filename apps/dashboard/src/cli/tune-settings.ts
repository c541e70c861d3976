import { type ClassifierPlugin, describeOptions } from '@digitlab/core';
import type { DataRequest } from '@digitlab/session';
import { expandGrid, type Grid, parseGridValues, TuningInputError } from '@digitlab/tuning';
import type { PluginSource } from '@digitlab/tuning/node';
import { UsageError } from '../errors.js';
import { kebabCase } from '../view-models/kebab-case.js';
import { attributeName, solverOption, validatePluginOptions } from './plugin-flags.js';
import type { OutputMode } from './train-settings.js';
import { type DataFlags, dataRequest } from './train-settings.js';

/** Default number of folds of `digitlab tune`, as scikit-learn's cv=5. */
export const DEFAULT_CV = 5;

/** The app's own `tune` flags as commander parsed them (plugin option values are separate). */
export interface TuneFlags extends DataFlags {
  readonly backend?: string;
  readonly seed?: number;
  readonly cv?: number;
  readonly json?: boolean;
  readonly report?: string;
}

/** One flag per plugin option, taking values to try (`--C 0.1,1`, `--max-iter 500`). */
export interface TuneOptionFlag {
  readonly option: string;
  /** `--C`, `--max-iter`; the solver option is `--optimizer`, as in `train`. */
  readonly flag: string;
}

/** Everything `tune` needs, resolved from flags, the plugin's schema and the terminal. */
export interface TuneSettings {
  readonly plugin: ClassifierPlugin;
  /** Options given several values: the grid. */
  readonly grid: Grid;
  /** Options given one value (and the seed, the backend): shared by every setting. */
  readonly base: Readonly<Record<string, unknown>>;
  readonly data: DataRequest;
  readonly folds: number;
  /** Where worker threads import the plugin from; without one, trials run on this thread. */
  readonly source?: PluginSource;
  readonly reportDir?: string;
  readonly mode: OutputMode;
}

/** The value flags of a plugin's options for `tune` (backend and seed are the app's flags). */
export function tuneOptionFlags(plugin: ClassifierPlugin): TuneOptionFlag[] {
  const descriptions = describeOptions(plugin.options);
  const solver = solverOption(descriptions);
  return descriptions
    .filter((d) => d.name !== 'backend' && d.name !== 'seed')
    .map((d) => ({
      option: d.name,
      flag: d === solver ? '--optimizer' : `--${kebabCase(d.name)}`,
    }));
}

/**
 * Turn the option flags into a grid (options given two or more values, via a list, logspace: or
 * linspace:) and fixed options (one value), each value checked against the plugin's schema. No
 * option with several values is an error that shows how to give some.
 */
export function resolveTuneSettings(
  plugin: ClassifierPlugin,
  flags: TuneFlags,
  values: Readonly<Record<string, string>>,
  env: { readonly interactive: boolean; readonly source?: PluginSource },
): TuneSettings {
  const described = new Map(describeOptions(plugin.options).map((d) => [d.name, d]));
  const grid: Record<string, unknown[]> = {};
  const base: Record<string, unknown> = {};
  for (const { option, flag } of tuneOptionFlags(plugin)) {
    const text = values[attributeName(flag)];
    const d = described.get(option);
    if (text === undefined || d === undefined) continue;
    let parsed: unknown[];
    try {
      parsed = parseGridValues(d, text);
    } catch (error) {
      throw asUsage(error, flag);
    }
    if (parsed.length > 1) grid[option] = parsed;
    else base[option] = parsed[0];
  }
  if (described.has('seed')) base.seed = flags.seed ?? 0;
  if (flags.backend !== undefined) {
    if (!described.has('backend')) {
      throw new UsageError(
        `--backend: classifier '${plugin.name}' has no backend option, so --backend ${flags.backend} does not apply`,
      );
    }
    base.backend = flags.backend;
  }
  // The fixed values alone first, so a bad one is named by its flag.
  validatePluginOptions(plugin, base);
  if (Object.keys(grid).length === 0) {
    const example = tuneOptionFlags(plugin).find((f) => described.get(f.option)?.type === 'number');
    throw new UsageError(
      `tune: expected at least one option with two or more values to try (e.g. ${example ? `${example.flag} 0.01,0.1,1 or ${example.flag} logspace:-3:2:6` : '--<option> a,b'}), found ${Object.keys(base).filter((k) => k !== 'seed' && k !== 'backend').length === 0 ? 'none' : 'only single values'}`,
    );
  }
  try {
    expandGrid(plugin, grid, base);
  } catch (error) {
    throw asUsage(error);
  }
  return {
    plugin,
    grid,
    base,
    data: dataRequest(flags, flags.seed ?? 0),
    folds: flags.cv ?? DEFAULT_CV,
    ...(env.source === undefined ? {} : { source: env.source }),
    ...(flags.report === undefined ? {} : { reportDir: flags.report }),
    mode: flags.json ? 'json' : env.interactive ? 'tui' : 'plain',
  };
}

function asUsage(error: unknown, flag?: string): unknown {
  if (!(error instanceof TuningInputError)) return error;
  return new UsageError(flag === undefined ? error.message : `${flag}: ${error.message}`);
}
