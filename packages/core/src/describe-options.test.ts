import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeOptions } from './describe-options.js';
import { DigitlabError } from './errors.js';

describe('describeOptions metadata', () => {
  it("reads .meta()'s group, header, selectsSolver and solvers, whatever the wrapper order", () => {
    const schema = z.strictObject({
      solver: z
        .enum(['lbfgs', 'sgd'])
        .default('lbfgs')
        .describe('Solver')
        .meta({ group: 'solver', selectsSolver: true }),
      maxIter: z
        .number()
        .int()
        .meta({ group: 'solver', solvers: ['lbfgs'] })
        .default(100)
        .describe('Iteration limit'),
      layout: z.enum(['sparse', 'dense']).meta({ group: 'runtime' }).optional().describe('Layout'),
      seed: z.number().int().describe('Seed').meta({ header: false }).default(0),
      C: z.number().positive().default(1).describe('Inverse regularization strength'),
    });
    const byName = Object.fromEntries(describeOptions(schema).map((d) => [d.name, d]));
    expect(byName.solver).toMatchObject({
      group: 'solver',
      selectsSolver: true,
      description: 'Solver',
      default: 'lbfgs',
      choices: ['lbfgs', 'sgd'],
    });
    expect(byName.maxIter).toMatchObject({
      group: 'solver',
      solvers: ['lbfgs'],
      description: 'Iteration limit',
      default: 100,
      type: 'integer',
    });
    expect(byName.layout).toMatchObject({ group: 'runtime', description: 'Layout', type: 'enum' });
    expect(byName.seed).toMatchObject({ header: false, description: 'Seed', default: 0 });
    // No metadata: no keys, so a front end applies its defaults.
    expect(Object.keys(byName.C ?? {}).sort()).toEqual(
      ['default', 'description', 'exclusiveMinimum', 'name', 'type'].sort(),
    );
  });

  it('refuses metadata of the wrong shape, naming the option and what was found', () => {
    const misspelt = z.object({
      tol: z
        .number()
        .default(1e-4)
        .meta({ group: 'optimizer' as 'solver' }),
    });
    expect(() => describeOptions(misspelt)).toThrow(DigitlabError);
    expect(() => describeOptions(misspelt)).toThrow(
      /option 'tol': expected \.meta\(\) group to be one of model, solver, runtime, found "optimizer"/,
    );
    const notAList = z.object({
      m: z
        .number()
        .default(10)
        .meta({ solvers: 'lbfgs' as unknown as string[] }),
    });
    expect(() => describeOptions(notAList)).toThrow(/option 'm': .*solvers.*found "lbfgs"/);
  });
});
