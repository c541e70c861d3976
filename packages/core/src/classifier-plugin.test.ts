import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  assertClassifierPlugin,
  createClassifier,
  parsePluginOptions,
} from './classifier-plugin.js';
import { describeOptions } from './describe-options.js';
import { InvalidPluginError, PluginOptionsError } from './errors.js';
import { centroidPlugin } from './testing/centroid-plugin.js';

describe('plugin options', () => {
  it('fills defaults and validates through the schema', () => {
    const plugin = centroidPlugin();
    expect(parsePluginOptions(plugin, {})).toEqual({ shrink: 0 });
    expect(parsePluginOptions(plugin, { shrink: 0.5 })).toEqual({ shrink: 0.5 });
    expect(createClassifier(plugin, { shrink: 0.25 }).options).toEqual({ shrink: 0.25 });
  });

  it('reports every bad option with its path and the plugin name', () => {
    const plugin = centroidPlugin();
    expect(() => parsePluginOptions(plugin, { shrink: 2 })).toThrow(PluginOptionsError);
    expect(() => parsePluginOptions(plugin, { shrink: 'x' })).toThrow(
      /classifier 'toy-centroid'.*shrink:/,
    );
  });

  it('describes options with types, defaults, bounds, choices and descriptions', () => {
    const schema = z.object({
      C: z.number().positive().default(1).describe('Inverse regularization strength'),
      maxIter: z.number().int().min(1).default(100).describe('Iteration limit'),
      solver: z.enum(['lbfgs', 'sgd', 'adam']).default('lbfgs').describe('Optimizer'),
      verbose: z.boolean().default(false),
      seed: z.number().int().optional().describe('Seed'),
    });
    const described = describeOptions(schema);
    expect(described.map((o) => o.name)).toEqual(['C', 'maxIter', 'solver', 'verbose', 'seed']);
    expect(described[0]).toMatchObject({
      type: 'number',
      default: 1,
      exclusiveMinimum: 0,
      description: 'Inverse regularization strength',
    });
    expect(described[1]).toMatchObject({ type: 'integer', default: 100, minimum: 1 });
    expect(described[2]).toMatchObject({
      type: 'enum',
      choices: ['lbfgs', 'sgd', 'adam'],
      default: 'lbfgs',
    });
    expect(described[3]).toMatchObject({ type: 'boolean', default: false });
    expect(described[4]).toMatchObject({ type: 'integer', description: 'Seed' });
    expect(described[4]?.default).toBeUndefined();
  });
});

describe('assertClassifierPlugin', () => {
  it('accepts a real plugin', () => {
    expect(() => assertClassifierPlugin(centroidPlugin(), 'test')).not.toThrow();
  });

  it.each([
    [null, /found null/],
    [42, /expected an object, found number/],
    [
      { name: '', description: 'x', options: z.object({}), create() {}, load() {} },
      /"name" must be a non-empty string/,
    ],
    [{ default: centroidPlugin() }, /"name" must be a non-empty string \(found undefined\)/],
  ])('rejects %j with a message naming the problem', (value, message) => {
    expect(() => assertClassifierPlugin(value, './my-plugin.js')).toThrow(InvalidPluginError);
    expect(() => assertClassifierPlugin(value, './my-plugin.js')).toThrow(message);
    expect(() => assertClassifierPlugin(value, './my-plugin.js')).toThrow(
      /\.\/my-plugin\.js is not a valid ClassifierPlugin/,
    );
  });
});
