import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

describe('digitlab plugins, --help and external plugins', { timeout: 90_000 }, () => {
  it("lists softmax-regression's options with their types and defaults", async () => {
    const text = await runCli(['plugins']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^softmax-regression — /m);
    expect(text.stdout).toMatch(/--max-iter <integer>\s+integer\s+100\s+/);
    expect(text.stdout).toMatch(/--optimizer <lbfgs\|sgd\|adam>\s+enum\s+lbfgs\s+/);
    const json = await runCli(['plugins', '--json']);
    const [plugin] = JSON.parse(json.stdout) as {
      name: string;
      options: { name: string; default: unknown; type: string }[];
    }[];
    expect(plugin?.name).toBe('softmax-regression');
    const byName = Object.fromEntries(plugin!.options.map((o) => [o.name, o]));
    expect(byName.C).toMatchObject({ type: 'number', default: 1 });
    expect(byName.maxIter).toMatchObject({ type: 'integer', default: 100 });
    expect(byName.solver).toMatchObject({ type: 'enum', default: 'lbfgs' });
  });

  it('--help lists every command and the flags with their defaults', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['train', 'evaluate', 'predict', 'plugins']) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${command} \\[options\\]`, 'm'));
    }
    for (const flag of [
      '--per-class',
      '--train-size',
      '--full',
      '--eval-every',
      '--model',
      '--input',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    // Commander wraps long descriptions, so allow line breaks between the words.
    expect(run.stdout).toMatch(
      /--max-iter <integer>[\s\S]*?default:\s+100;\s+preset\s+notebook:\s+500/,
    );
    expect(run.stdout).toMatch(/--lr <number>\s+same as --learning-rate/);
  });

  it('trains a plugin loaded from a module path, with flags from its own schema', async () => {
    const fixture = './src/test-support/fixtures/mean-plugin.mjs';
    const run = await runCli([
      'train',
      '--classifier',
      fixture,
      '--json',
      '--per-class',
      '10',
      '--sharpness',
      '20',
    ]);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as {
      classifier: string;
      test_accuracy: number;
      options: unknown;
    };
    expect(r.classifier).toBe('fixture-mean');
    expect(r.options).toEqual({ sharpness: 20 });
    expect(r.test_accuracy).toBeGreaterThan(0.3);
    const listed = await runCli(['plugins', '--classifier', fixture]);
    expect(listed.stdout).toMatch(/^fixture-mean — /m);
    expect(listed.stdout).toMatch(/--sharpness <number>\s+number\s+50/);
  });

  it('refuses a module plugin whose name is already taken by a built-in', async () => {
    const run = await runCli([
      'plugins',
      '--classifier',
      './src/test-support/fixtures/clashing-plugin.mjs',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/a classifier named 'knn' is already registered/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
