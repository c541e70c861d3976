import { gradientDescentPlugin } from '@digitlab/session/testing';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import {
  collectPluginOptions,
  parseFlagValue,
  pluginCommanderOptions,
  pluginFlags,
  validatePluginOptions,
} from './plugin-flags.js';

const plugin = gradientDescentPlugin();

describe('flags generated from a plugin schema', () => {
  it('makes one kebab-case flag per option, leaving the solver to --optimizer', () => {
    const flags = pluginFlags(plugin).map((f) => f.flag);
    expect(flags).toEqual([
      '--C',
      '--max-iter',
      '--tol',
      '--learning-rate',
      '--step-delay-ms',
      '--predict-ms-per-row',
    ]);
    expect(pluginFlags(plugin).find((f) => f.option === 'learningRate')?.aliases).toEqual(['--lr']);
  });

  it('shows the default and the preset value in the help text', () => {
    const options = pluginCommanderOptions(pluginFlags(plugin), { maxIter: 500 });
    const maxIter = options.find((o) => o.long === '--max-iter');
    expect(maxIter?.flags).toBe('--max-iter <integer>');
    expect(maxIter?.description).toContain('(default: 50; preset notebook: 500)');
    expect(options.find((o) => o.long === '--lr')?.description).toBe('same as --learning-rate');
  });

  it('leaves the default out of the help text of an option that has none', () => {
    const unset = {
      option: 'learningRate',
      flag: '--learning-rate',
      aliases: [],
      description: {
        name: 'learningRate',
        type: 'number',
        description: 'step (unset: per solver)',
      },
    } as const;
    const [option] = pluginCommanderOptions([unset]);
    expect(option?.description).toBe('step (unset: per solver)');
    const [preset] = pluginCommanderOptions([unset], { learningRate: 0.1 });
    expect(preset?.description).toBe('step (unset: per solver) (preset notebook: 0.1)');
  });

  it('parses values by type and says what was expected and found', () => {
    const [C, maxIter] = pluginFlags(plugin).map((f) => f.description);
    expect(parseFlagValue(C!, '0.5')).toBe(0.5);
    expect(parseFlagValue(maxIter!, '20')).toBe(20);
    expect(() => parseFlagValue(maxIter!, '2.5')).toThrow(InvalidArgumentError);
    expect(() => parseFlagValue(maxIter!, '2.5')).toThrow('expected an integer, found "2.5"');
    expect(() => parseFlagValue(C!, 'x')).toThrow('expected a number, found "x"');
    const choice = { name: 's', type: 'enum' as const, choices: ['a', 'b'] };
    expect(parseFlagValue(choice, 'b')).toBe('b');
    expect(() => parseFlagValue(choice, 'c')).toThrow('expected one of a, b, found "c"');
    const flag = { name: 'w', type: 'boolean' as const };
    expect(parseFlagValue(flag, true)).toBe(true);
    expect(parseFlagValue(flag, 'false')).toBe(false);
  });

  it('folds aliases into their option', () => {
    expect(
      collectPluginOptions(pluginFlags(plugin), { lr: 0.1, maxIter: 3, unrelated: 1 }),
    ).toEqual({
      learningRate: 0.1,
      maxIter: 3,
    });
  });

  it('reports schema failures by flag, with the value found', () => {
    expect(validatePluginOptions(plugin, { maxIter: 3 })).toMatchObject({
      maxIter: 3,
      solver: 'gd',
    });
    expect(() => validatePluginOptions(plugin, { maxIter: 0, solver: 'newton' })).toThrow(
      UsageError,
    );
    try {
      validatePluginOptions(plugin, { maxIter: 0, solver: 'newton' });
    } catch (error) {
      expect((error as Error).message).toMatch(/--max-iter: .*found 0/);
      expect((error as Error).message).toMatch(/--optimizer: .*found "newton"/);
    }
  });
});
