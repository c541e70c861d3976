import { isDeepStrictEqual } from 'node:util';
import type { Classifier } from '../classifier.js';
import { type ClassifierPlugin, parsePluginOptions } from '../classifier-plugin.js';
import { describeOptions } from '../describe-options.js';
import { PluginOptionsError } from '../errors.js';
import { ConformanceError, failCheck } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/** Values no options schema should accept: not objects at all. */
export const GARBAGE_OPTIONS: readonly unknown[] = ['garbage', 42, null, [1, 2, 3], true];

const CHECK = 'options schema';

/**
 * Check a plugin's options schema: `{}` parses (every option has a default or is optional), `given`
 * parses, each option has a `.describe()` text, and garbage (plus `invalid`) is rejected with a
 * PluginOptionsError naming the plugin. Returns `given` parsed.
 */
export function checkPluginOptions<O extends Record<string, unknown>>(
  plugin: ClassifierPlugin<O>,
  given: Record<string, unknown> = {},
  invalid: readonly unknown[] = [],
): O {
  for (const raw of [{}, given]) {
    try {
      parsePluginOptions(plugin, raw);
    } catch (error) {
      throw new ConformanceError(
        CHECK,
        `expected ${describeValue(raw)} to be accepted, found ${(error as Error).message}`,
      );
    }
  }
  const undocumented = describeOptions(plugin.options)
    .filter((o) => o.description === undefined || o.description === '')
    .map((o) => o.name);
  if (undocumented.length > 0) {
    throw new ConformanceError(
      CHECK,
      `expected every option to have a .describe() text, found none on ${undocumented.join(', ')}`,
    );
  }
  for (const raw of [...GARBAGE_OPTIONS, ...invalid]) {
    let error: unknown;
    try {
      parsePluginOptions(plugin, raw);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof PluginOptionsError) || !error.message.includes(`'${plugin.name}'`)) {
      throw new ConformanceError(
        CHECK,
        `expected ${describeValue(raw)} to be rejected with a PluginOptionsError naming '${plugin.name}', found ${error === undefined ? 'it accepted' : describeValue((error as Error).message ?? error)}`,
      );
    }
  }
  return parsePluginOptions(plugin, given);
}

/**
 * Check a plugin's option listing against the defaults it documents: exactly the options of
 * `defaults`, each described in words (more than ten characters) and defaulting to its value there.
 */
export function checkDescribedDefaults(
  plugin: ClassifierPlugin,
  defaults: Readonly<Record<string, unknown>>,
): void {
  const fail = failCheck('options schema');
  const options = describeOptions(plugin.options);
  const listed = options.map((o) => o.name).sort();
  const documented = Object.keys(defaults).sort();
  if (!isDeepStrictEqual(listed, documented))
    fail(`expected the options ${documented.join(', ')}, found ${listed.join(', ')}`);
  for (const option of options) {
    if ((option.description?.trim().length ?? 0) <= 10)
      fail(
        `expected option ${option.name} to be described in more than ten characters, found ${describeValue(option.description)}`,
      );
    if (!isDeepStrictEqual(option.default, defaults[option.name]))
      fail(
        `expected option ${option.name} to default to ${describeValue(defaults[option.name])}, found ${describeValue(option.default)}`,
      );
  }
}

/** Check a classifier fresh from `create`: it names its plugin, holds its options and is not fitted. */
export function checkNewClassifier(
  classifier: Classifier,
  plugin: ClassifierPlugin,
  options: Record<string, unknown>,
): void {
  const fail = failCheck('create');
  if (classifier.plugin !== plugin.name)
    fail(`expected classifier.plugin '${plugin.name}', found ${describeValue(classifier.plugin)}`);
  if (!isDeepStrictEqual({ ...classifier.options }, { ...options }))
    fail(
      `expected classifier.options ${describeValue(options)}, found ${describeValue(classifier.options)}`,
    );
  if (classifier.fitted !== false)
    fail(
      `expected a new classifier to have fitted = false, found ${describeValue(classifier.fitted)}`,
    );
}
