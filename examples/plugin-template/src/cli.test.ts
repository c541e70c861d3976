import { join } from 'node:path';
import { temporaryDirectory } from '@digitlab/core/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from './options.js';
import { PLUGIN_NAME } from './plugin.js';
import { runDigitlab, TEMPLATE_MODULE } from './test-support/dashboard-cli.js';

// These run the built CLI on the built template (dist/), as a user would: `pnpm build` first.
describe('the digitlab CLI with --classifier ./dist/index.js', { timeout: 180_000 }, () => {
  it('lists the plugin and its options as flags with their defaults', () => {
    const text = runDigitlab(['plugins', '--classifier', TEMPLATE_MODULE]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${PLUGIN_NAME} — `, 'm'));
    expect(text.stdout).toMatch(/--metric <euclidean\|manhattan>\s+enum\s+euclidean\s+\S/);
    expect(text.stdout).toMatch(/--shrinkage <number>\s+number\s+0\s+\S/);
    expect(text.stdout).toMatch(/--temperature <number>\s+number\s+1\s+\S/);

    const json = runDigitlab(['plugins', '--classifier', TEMPLATE_MODULE, '--json']);
    const plugins = JSON.parse(json.stdout) as {
      name: string;
      options: { name: string; flag: string; default: unknown }[];
    }[];
    const ours = plugins.find((p) => p.name === PLUGIN_NAME);
    expect(ours?.options.map((o) => [o.flag, o.default])).toEqual(
      Object.entries(DEFAULT_OPTIONS).map(([name, value]) => [`--${name}`, value]),
    );
  });

  it('trains on 20 MNIST images per class and prints one JSON result', () => {
    const run = runDigitlab([
      'train',
      '--classifier',
      TEMPLATE_MODULE,
      '--per-class',
      '20',
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(result).toMatchObject({
      classifier: PLUGIN_NAME,
      options: DEFAULT_OPTIONS,
      n_train: 200,
      stop_reason: 'completed',
      converged: true,
      iterations: 10,
    });
    // Nearest centroid reaches about 0.75 with 20 images per class (0.8 with many more).
    expect(result.test_accuracy).toBeGreaterThan(0.7);
  });

  it('saves with --save and evaluates the saved model through the same module', async () => {
    const dir = await temporaryDirectory('nearest-centroid-cli-');
    const model = join(dir, 'model');
    const flags = ['--per-class', '20', '--metric', 'manhattan', '--shrinkage', '0.1'];
    const train = runDigitlab([
      'train',
      '--classifier',
      TEMPLATE_MODULE,
      ...flags,
      '--save',
      model,
      '--json',
    ]);
    expect(train.status, train.stderr).toBe(0);
    const trained = JSON.parse(train.stdout) as { test_accuracy: number; options: unknown };
    expect(trained.options).toEqual({ metric: 'manhattan', shrinkage: 0.1, temperature: 1 });

    const evaluate = runDigitlab([
      'evaluate',
      '--model',
      model,
      '--classifier',
      TEMPLATE_MODULE,
      '--json',
    ]);
    expect(evaluate.status, evaluate.stderr).toBe(0);
    const evaluated = JSON.parse(evaluate.stdout) as { classifier: string; accuracy: number };
    expect(evaluated.classifier).toBe(PLUGIN_NAME);
    expect(evaluated.accuracy).toBe(trained.test_accuracy);
  });

  it('reports an invalid option by its flag, with what was expected and found', () => {
    const run = runDigitlab([
      'train',
      '--classifier',
      TEMPLATE_MODULE,
      '--shrinkage',
      '2',
      '--json',
    ]);
    expect(run.status).toBe(2);
    const { error } = JSON.parse(run.stdout) as { error: string };
    expect(error).toContain(`'${PLUGIN_NAME}'`);
    expect(error).toMatch(/--shrinkage: .*1.*found 2/);
  });
});
