import {
  assertClassifierPlugin,
  createClassifier,
  createRegistry,
  describeOptions,
  PluginOptionsError,
} from '@digitlab/core';
import { describe, expect, it } from 'vitest';
import defaultExport from './index.js';
import { DEFAULT_OPTIONS } from './options.js';
import { nearestCentroid, PLUGIN_NAME } from './plugin.js';

describe('nearestCentroid()', () => {
  it('lists its options with types, defaults, bounds and descriptions (the CLI flags)', () => {
    const options = describeOptions(nearestCentroid().options);
    expect(options.map((o) => o.name)).toEqual(['metric', 'shrinkage', 'temperature']);
    const [metric, shrinkage, temperature] = options;
    expect(metric).toMatchObject({
      type: 'enum',
      default: 'euclidean',
      choices: ['euclidean', 'manhattan'],
    });
    expect(shrinkage).toMatchObject({ type: 'number', default: 0, minimum: 0, maximum: 1 });
    expect(temperature).toMatchObject({ type: 'number', default: 1, exclusiveMinimum: 0 });
    for (const option of options) expect(option.description, option.name).toMatch(/\w{4}/);
  });

  it('parses {} to the defaults and reports every bad or unknown option at once', () => {
    const plugin = nearestCentroid();
    expect(plugin.options.parse({})).toEqual(DEFAULT_OPTIONS);
    let error: unknown;
    try {
      createClassifier(plugin, { metric: 'cosine', shrinkage: 1.5, temprature: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PluginOptionsError);
    const message = (error as Error).message;
    expect(message).toContain(`'${PLUGIN_NAME}'`);
    expect(message).toMatch(/metric:/);
    expect(message).toMatch(/shrinkage:/);
    expect(message).toContain('temprature');
  });

  it('takes other defaults, which the schema and the listing then show', () => {
    const plugin = nearestCentroid({ metric: 'manhattan', temperature: 4 });
    expect(plugin.options.parse({})).toEqual({ metric: 'manhattan', shrinkage: 0, temperature: 4 });
    const listed = Object.fromEntries(describeOptions(plugin.options).map((o) => [o.name, o]));
    expect(listed.metric?.default).toBe('manhattan');
    expect(listed.temperature?.default).toBe(4);
  });

  it('rejects invalid defaults when the plugin is made, not when it trains', () => {
    expect(() => nearestCentroid({ shrinkage: 2 })).toThrow(PluginOptionsError);
    expect(() => nearestCentroid({ temperature: 0 })).toThrow(/defaults\.temperature/);
  });

  it('creates classifiers that report their plugin and options and are not fitted', () => {
    const classifier = createClassifier(nearestCentroid(), { shrinkage: 0.3 });
    expect(classifier.plugin).toBe(PLUGIN_NAME);
    expect(classifier.options).toEqual({ ...DEFAULT_OPTIONS, shrinkage: 0.3 });
    expect(classifier.fitted).toBe(false);
  });
});

describe('the package entry point', () => {
  it('default-exports a valid plugin, as `--classifier <module>` requires', () => {
    expect(() => assertClassifierPlugin(defaultExport, 'the default export')).not.toThrow();
    expect(defaultExport.name).toBe(PLUGIN_NAME);
    expect(createRegistry([defaultExport]).get(PLUGIN_NAME)).toBe(defaultExport);
  });
});
