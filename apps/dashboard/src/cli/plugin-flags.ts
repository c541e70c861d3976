import { type ClassifierPlugin, describeOptions, type OptionDescription } from '@digitlab/core';
import { InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { kebabCase } from '../view-models/kebab-case.js';

/**
 * Plugin options, by name, that the app's own flags set because they mean something beyond the
 * plugin (`--backend` resolves `auto` once for the whole run; `--seed` also draws the subsample).
 */
const APP_FLAG_FOR_NAME: Readonly<Record<string, string>> = {
  backend: '--backend',
  seed: '--seed',
};

/** The option `--optimizer` sets: the one whose schema metadata says it selects the solver. */
export function solverOption(
  descriptions: Iterable<OptionDescription>,
): OptionDescription | undefined {
  for (const d of descriptions) if (d.selectsSolver === true) return d;
  return undefined;
}

/**
 * The app's own flag for a plugin option, if one covers it: `--optimizer` for the option that
 * selects the solver (every report names the solver), `--backend` and `--seed` by name.
 */
export function appFlagFor(
  d: Pick<OptionDescription, 'name' | 'selectsSolver'>,
): string | undefined {
  return d.selectsSolver === true ? '--optimizer' : APP_FLAG_FOR_NAME[d.name];
}

/** Short spellings of long option flags, as scikit-learn users type them. */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  learningRate: ['lr'],
};

/** One command-line flag generated from a plugin option. */
export interface PluginFlag {
  /** camelCase option name in the plugin's schema. */
  readonly option: string;
  /** `--max-iter` */
  readonly flag: string;
  /** Other spellings, e.g. `--lr`. */
  readonly aliases: readonly string[];
  readonly description: OptionDescription;
}

/** The flags a plugin's options become, minus those the app's own flags already cover. */
export function pluginFlags(plugin: ClassifierPlugin): PluginFlag[] {
  return describeOptions(plugin.options)
    .filter((d) => appFlagFor(d) === undefined)
    .map((d) => ({
      option: d.name,
      flag: `--${kebabCase(d.name)}`,
      aliases: (ALIASES[d.name] ?? []).map((a) => `--${a}`),
      description: d,
    }));
}

/** A placeholder naming the value's type in help: `<number>`, `<integer>`, `<lbfgs|sgd|adam>`. */
export function valuePlaceholder(d: OptionDescription): string {
  if (d.type === 'enum' && d.choices) return `<${d.choices.join('|')}>`;
  if (d.type === 'boolean') return '[true|false]';
  if (d.type === 'number' || d.type === 'integer' || d.type === 'string') return `<${d.type}>`;
  return '<json>';
}

/**
 * Commander options for a plugin's flags. Defaults are shown in the help text but not set, so a
 * value present after parsing was given on the command line and may override a preset.
 */
export function pluginCommanderOptions(
  flags: readonly PluginFlag[],
  presetValues: Readonly<Record<string, unknown>> = {},
): Option[] {
  return flags.flatMap((f) => {
    const d = f.description;
    const parse = (raw: string) => parseFlagValue(d, raw);
    // An option without a default says in its description what being unset means.
    const defaults = d.default === undefined ? [] : [`default: ${formatDefault(d.default)}`];
    if (f.option in presetValues) {
      defaults.push(`preset notebook: ${formatDefault(presetValues[f.option])}`);
    }
    const described = d.description ?? f.option;
    const text = defaults.length > 0 ? `${described} (${defaults.join('; ')})` : described;
    const main = new Option(`${f.flag} ${valuePlaceholder(d)}`, text).argParser(parse);
    const aliases = f.aliases.map((alias) =>
      new Option(`${alias} ${valuePlaceholder(d)}`, `same as ${f.flag}`)
        .argParser(parse)
        .conflicts(f.option),
    );
    return [main, ...aliases];
  });
}

/** Parse one flag value by the option's type; the error says what was expected and found. */
export function parseFlagValue(d: OptionDescription, raw: string | boolean): unknown {
  // Commander passes `true` for an optional-value flag given without a value.
  if (typeof raw === 'boolean') {
    if (d.type === 'boolean') return raw;
    throw new InvalidArgumentError(`expected a value, found none`);
  }
  const text = raw.trim();
  switch (d.type) {
    case 'number':
    case 'integer': {
      const value = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(value)) {
        throw new InvalidArgumentError(
          `expected ${d.type === 'integer' ? 'an integer' : 'a number'}, found ${JSON.stringify(raw)}.`,
        );
      }
      if (d.type === 'integer' && !Number.isInteger(value)) {
        throw new InvalidArgumentError(`expected an integer, found ${JSON.stringify(raw)}.`);
      }
      return value;
    }
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new InvalidArgumentError(`expected true or false, found ${JSON.stringify(raw)}.`);
    case 'enum': {
      const choices = d.choices ?? [];
      const match = choices.find((c) => String(c) === text);
      if (match === undefined) {
        throw new InvalidArgumentError(
          `expected one of ${choices.join(', ')}, found ${JSON.stringify(raw)}.`,
        );
      }
      return match;
    }
    case 'string':
      return raw;
    default:
      try {
        return JSON.parse(text);
      } catch {
        throw new InvalidArgumentError(`expected a JSON value, found ${JSON.stringify(raw)}.`);
      }
  }
}

/** The plugin options given as flags (aliases folded into their option), by option name. */
export function collectPluginOptions(
  flags: readonly PluginFlag[],
  parsed: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flags) {
    const names = [f.option, ...f.aliases.map((a) => attributeName(a))];
    for (const name of names) if (parsed[name] !== undefined) out[f.option] = parsed[name];
  }
  return out;
}

/**
 * Validate options with the plugin's schema, reporting each problem by the flag that set it, with
 * what the schema expected and the value found.
 */
export function validatePluginOptions(
  plugin: ClassifierPlugin,
  raw: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const result = plugin.options.safeParse(raw);
  if (result.success) return result.data;
  const described = new Map(describeOptions(plugin.options).map((d) => [d.name, d]));
  const problems = result.error.issues.map((issue) => {
    const option = String(issue.path[0] ?? '');
    const d = described.get(option);
    const flag =
      (d === undefined ? undefined : appFlagFor(d)) ??
      (option ? `--${kebabCase(option)}` : 'options');
    const found = option in raw ? `, found ${JSON.stringify(raw[option])}` : '';
    return `${flag}: ${issue.message}${found}`;
  });
  throw new UsageError(`invalid options for classifier '${plugin.name}': ${problems.join('; ')}`);
}

/** Commander's attribute name for a long flag: `--max-iter` → `maxIter`, `--C` → `C`. */
export function attributeName(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function formatDefault(value: unknown): string {
  return value === undefined ? 'none' : typeof value === 'string' ? value : JSON.stringify(value);
}
