import type { ClassifierPlugin } from '@digitlab/core';
import { centroidPlugin } from '@digitlab/core/testing';
import { gradientDescentPlugin } from '@digitlab/session/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { resolveTrainSettings, type TrainFlags } from './train-settings.js';

const base: TrainFlags = { dataset: 'mnist', classifier: 'x' };
const env = { interactive: false };

/** A plugin with a backend option, like softmax-regression's. */
function withBackend(): ClassifierPlugin {
  const inner = gradientDescentPlugin();
  return {
    ...inner,
    options: (inner.options as unknown as z.ZodObject).extend({
      backend: z.enum(['cpu', 'wasm']).default('cpu'),
    }) as unknown as ClassifierPlugin['options'],
  } as unknown as ClassifierPlugin;
}

describe('resolveTrainSettings', () => {
  it('applies plugin defaults < preset < flags', async () => {
    const plugin = gradientDescentPlugin() as unknown as ClassifierPlugin;
    const plain = await resolveTrainSettings(plugin, base, {}, env);
    expect(plain.options).toMatchObject({ maxIter: 50, C: 1 });
    const preset = await resolveTrainSettings(plugin, { ...base, preset: 'notebook' }, {}, env);
    expect(preset.options).toMatchObject({ maxIter: 500, C: 1 });
    const flagged = await resolveTrainSettings(
      plugin,
      { ...base, preset: 'notebook' },
      { maxIter: 7 },
      env,
    );
    expect(flagged.options).toMatchObject({ maxIter: 7 });
    // The preset's solver (lbfgs) is not one this plugin has: its own default stays.
    expect(preset.options.solver).toBe('gd');
  });

  it('draws 1000 per class unless told otherwise', async () => {
    const plugin = centroidPlugin() as unknown as ClassifierPlugin;
    const sampling = async (flags: Partial<TrainFlags>) =>
      (await resolveTrainSettings(plugin, { ...base, ...flags }, {}, env)).data.sampling;
    expect(await sampling({})).toEqual({ kind: 'per-class', perClass: 1000 });
    expect(await sampling({ perClass: 20 })).toEqual({ kind: 'per-class', perClass: 20 });
    expect(await sampling({ trainSize: 500 })).toEqual({ kind: 'train-size', size: 500 });
    expect(await sampling({ full: true })).toEqual({ kind: 'full' });
  });

  it('maps --optimizer to the option that selects the solver, and refuses it for a plugin without one', async () => {
    const gd = gradientDescentPlugin() as unknown as ClassifierPlugin;
    expect(
      (await resolveTrainSettings(gd, { ...base, optimizer: 'momentum' }, {}, env)).options.solver,
    ).toBe('momentum');
    const centroid = centroidPlugin() as unknown as ClassifierPlugin;
    await expect(
      resolveTrainSettings(centroid, { ...base, optimizer: 'sgd' }, {}, env),
    ).rejects.toThrow(UsageError);
    // The selector is found by its metadata, not by the name `solver`.
    const inner = gradientDescentPlugin();
    const renamed = {
      ...inner,
      options: (inner.options as unknown as z.ZodObject).omit({ solver: true }).extend({
        update: z.enum(['plain', 'nesterov']).default('plain').meta({ selectsSolver: true }),
      }),
    } as unknown as ClassifierPlugin;
    const settings = await resolveTrainSettings(
      renamed,
      { ...base, optimizer: 'nesterov' },
      {},
      env,
    );
    expect(settings.options).toMatchObject({ update: 'nesterov' });
    expect(settings.options.solver).toBeUndefined();
  });

  it('resolves auto once, through the backend library, and hands the plugin the answer', async () => {
    const asked: string[] = [];
    const resolveWith =
      (answer: { backend: string; note?: string }) =>
      async (choice: 'auto'): Promise<{ backend: string; note?: string }> => {
        asked.push(choice);
        return answer;
      };
    const ok = await resolveTrainSettings(
      withBackend(),
      base,
      {},
      { interactive: false, resolveBackend: resolveWith({ backend: 'wasm' }) },
    );
    expect(ok).toMatchObject({ backend: 'wasm', options: { backend: 'wasm' } });
    expect(ok.backendNote).toBeUndefined();
    const note = 'wasm backend unavailable, using cpu (much slower): no SIMD';
    const fellBack = await resolveTrainSettings(
      withBackend(),
      { ...base, backend: 'auto' },
      {},
      { interactive: false, resolveBackend: resolveWith({ backend: 'cpu', note }) },
    );
    expect(fellBack).toMatchObject({
      backend: 'cpu',
      backendNote: note,
      options: { backend: 'cpu' },
    });
    expect(asked).toEqual(['auto', 'auto']);
    const chosen = await resolveTrainSettings(
      withBackend(),
      { ...base, backend: 'cpu' },
      {},
      {
        interactive: false,
        resolveBackend: async () => {
          throw new Error('an explicit backend must not be resolved');
        },
      },
    );
    expect(chosen).toMatchObject({ backend: 'cpu', options: { backend: 'cpu' } });
    // Nobody to resolve auto (a library caller): cpu, the reference backend.
    expect((await resolveTrainSettings(withBackend(), base, {}, env)).backend).toBe('cpu');
  });

  it('picks the output mode and the evaluation interval from the terminal and --json', async () => {
    const plugin = centroidPlugin() as unknown as ClassifierPlugin;
    const tui = await resolveTrainSettings(plugin, base, {}, { interactive: true });
    expect(tui).toMatchObject({
      mode: 'tui',
      evalEvery: 'auto',
      saveDir: './digitlab-model',
      saveAtEnd: false,
      reportDir: './digitlab-report',
      reportAtEnd: false,
    });
    const json = await resolveTrainSettings(
      plugin,
      { ...base, json: true, save: 'out', report: 'report-out' },
      {},
      { interactive: true },
    );
    expect(json).toMatchObject({
      mode: 'json',
      saveDir: 'out',
      saveAtEnd: true,
      reportDir: 'report-out',
      reportAtEnd: true,
    });
    // Once, at the end, unless --eval-every says otherwise.
    expect(json.evalEvery).toBe(0);
    const jsonAuto = { ...base, json: true, evalEvery: 'auto' } as const;
    expect((await resolveTrainSettings(plugin, jsonAuto, {}, env)).evalEvery).toBe('auto');
    expect((await resolveTrainSettings(plugin, base, {}, env)).evalEvery).toBe('auto');
    const plain = await resolveTrainSettings(plugin, { ...base, evalEvery: 3 }, {}, env);
    expect(plain).toMatchObject({ mode: 'plain', evalEvery: 3 });
  });
});
