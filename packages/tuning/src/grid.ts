import { type ClassifierPlugin, describeOptions } from '@digitlab/core';
import { TuningInputError } from './errors.js';

/** Values to try per option: `{ C: [0.1, 1, 10] }`; several options give their product. */
export type Grid = Readonly<Record<string, readonly unknown[]>>;

/** One point of the grid: the swept values, and the full validated options they give. */
export interface Setting {
  /** The swept options only, in the grid's key order (what a result table shows). */
  readonly params: Readonly<Record<string, unknown>>;
  /** `base` with `params` over it, parsed by the plugin's schema (every default filled in). */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Every combination of the grid's values (the last option varying fastest, as scikit-learn's
 * ParameterGrid), each validated against the plugin's schema on top of `base`. An empty grid, an
 * option without values, an option the plugin does not have, or a value its schema rejects is a
 * TuningInputError naming the option and the value.
 */
export function expandGrid(
  plugin: ClassifierPlugin,
  grid: Grid,
  base: Readonly<Record<string, unknown>> = {},
): Setting[] {
  const names = Object.keys(grid);
  if (names.length === 0) {
    throw new TuningInputError(
      `grid for '${plugin.name}': expected at least one option with values to try, found none`,
    );
  }
  const known = describeOptions(plugin.options).map((d) => d.name);
  for (const name of names) {
    if (!known.includes(name)) {
      throw new TuningInputError(
        `grid for '${plugin.name}': expected options of the plugin (${known.join(', ')}), found unknown option '${name}'`,
      );
    }
    const values = grid[name] as readonly unknown[];
    if (values.length === 0) {
      throw new TuningInputError(
        `grid for '${plugin.name}': expected at least one value for option '${name}', found none`,
      );
    }
    for (const value of values) checkValue(plugin, base, name, value);
  }
  const combinations = names.reduce<Record<string, unknown>[]>(
    (partial, name) =>
      partial.flatMap((params) =>
        (grid[name] as readonly unknown[]).map((value) => ({ ...params, [name]: value })),
      ),
    [{}],
  );
  return combinations.map((params) => ({ params, options: parse(plugin, { ...base, ...params }) }));
}

/** One value of one option, checked alone on top of `base`, so the error names just it. */
function checkValue(
  plugin: ClassifierPlugin,
  base: Readonly<Record<string, unknown>>,
  name: string,
  value: unknown,
): void {
  const result = plugin.options.safeParse({ ...base, [name]: value });
  if (result.success) return;
  const own = result.error.issues.filter((issue) => issue.path[0] === name);
  if (own.length === 0) return;
  throw new TuningInputError(
    `grid for '${plugin.name}': value ${JSON.stringify(value)} of option '${name}' is outside its schema: ${own.map((issue) => issue.message).join('; ')}`,
  );
}

function parse(
  plugin: ClassifierPlugin,
  raw: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const result = plugin.options.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(options)'}: ${issue.message}`,
  );
  throw new TuningInputError(
    `grid for '${plugin.name}': the setting ${JSON.stringify(raw)} is not valid: ${issues.join('; ')}`,
  );
}

/** `C=0.1, maxIter=500`: a setting's swept values in one short line. */
export function formatParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(
      ([name, value]) =>
        `${name}=${typeof value === 'number' ? formatValue(value) : String(value)}`,
    )
    .join(', ');
}

/** A number as short as it can be said exactly enough: 0.001, 1e-5, 100, 3.16. */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e5) return String(Number(value.toPrecision(4)));
  return value
    .toExponential(2)
    .replace(/\.?0+e/, 'e')
    .replace('e+', 'e');
}
