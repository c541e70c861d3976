import type { z } from 'zod';
import type { Classifier } from './classifier.js';
import { InvalidPluginError, PluginOptionsError } from './errors.js';
import type { ModelArtifact } from './model-artifact.js';

/**
 * A classifier plugin: a named object, usually returned by a factory, whose zod schema lets the CLI
 * and dashboard validate, document and list its options without knowing the plugin.
 */
export interface ClassifierPlugin<O extends Record<string, unknown> = Record<string, unknown>> {
  /** Unique name; shown in logs, errors and `digitlab plugins`. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** Schema for the options; every field should have a default and a `.describe()` text. */
  readonly options: z.ZodType<O, Partial<Record<keyof O, unknown>>>;
  /** A new untrained classifier with validated options. */
  create(options: O): Classifier;
  /** A trained classifier from a saved artifact whose `plugin` is this plugin's name. */
  load(artifact: ModelArtifact): Promise<Classifier>;
}

/** Parse raw options (from flags, JSON, …) with the plugin's schema; errors list every problem. */
export function parsePluginOptions<O extends Record<string, unknown>>(
  plugin: ClassifierPlugin<O>,
  raw: unknown = {},
): O {
  const result = plugin.options.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(options)';
    return `${path}: ${issue.message}`;
  });
  throw new PluginOptionsError(plugin.name, issues);
}

/** Validate raw options and create a classifier in one step. */
export function createClassifier<O extends Record<string, unknown>>(
  plugin: ClassifierPlugin<O>,
  raw: unknown = {},
): Classifier {
  return plugin.create(parsePluginOptions(plugin, raw));
}

/**
 * Check that a value has the ClassifierPlugin shape (used for anything loaded at run time).
 * `source` names where it came from, for the error message.
 */
export function assertClassifierPlugin(
  value: unknown,
  source: string,
): asserts value is ClassifierPlugin {
  if (typeof value !== 'object' || value === null) {
    throw new InvalidPluginError(
      source,
      `expected an object, found ${value === null ? 'null' : typeof value}`,
    );
  }
  const p = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof p.name !== 'string' || p.name.trim() === '')
    problems.push(`"name" must be a non-empty string (found ${describe(p.name)})`);
  if (typeof p.description !== 'string')
    problems.push(`"description" must be a string (found ${describe(p.description)})`);
  const schema = p.options as { safeParse?: unknown } | undefined;
  if (typeof schema?.safeParse !== 'function')
    problems.push(`"options" must be a zod schema (found ${describe(p.options)})`);
  if (typeof p.create !== 'function')
    problems.push(`"create" must be a function (found ${describe(p.create)})`);
  if (typeof p.load !== 'function')
    problems.push(`"load" must be a function (found ${describe(p.load)})`);
  if (problems.length > 0) throw new InvalidPluginError(source, problems.join('; '));
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
