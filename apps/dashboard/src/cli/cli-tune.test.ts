import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedTemporaryDirectory } from '@digitlab/core/testing';
import { describe, expect, it } from 'vitest';
import type { TuneJson } from '../report/tune-json.js';
import { expectOneLineError } from '../test-support/expect-one-line-error.js';
import { runCli, startCli } from '../test-support/run-cli.js';

const QUICK = ['--per-class', '10', '--cv', '2', '--max-iter', '20', '--backend', 'cpu'];

const root = sharedTemporaryDirectory('digitlab-tune-');

describe('digitlab tune', { timeout: 120_000 }, () => {
  it('prints one JSON object whose scores agree with each other', async () => {
    const run = await runCli(['tune', '--json', '--C', '0.01,1', ...QUICK]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0] as string) as TuneJson;
    expect(r).toMatchObject({
      classifier: 'softmax-regression',
      n_train: 100,
      folds: 2,
      stop_reason: 'completed',
    });
    expect(r.settings.map((s) => s.params)).toEqual([{ C: 0.01 }, { C: 1 }]);
    for (const s of r.settings) {
      expect(s.fold_scores).toHaveLength(2);
      const [a, b] = s.fold_scores as [number, number];
      expect(s.mean_score).toBeCloseTo((a + b) / 2, 12);
      expect(s.std_score).toBeCloseTo(Math.abs(a - b) / 2, 12);
      expect(s.fit_seconds).toBeGreaterThan(0);
    }
    const best = r.settings.reduce((x, y) => (y.mean_score > x.mean_score ? y : x));
    expect(r.best).toEqual({ params: best.params, mean_score: best.mean_score });
    expect(r.test_accuracy).toBeGreaterThan(0.5);
    expect(r.test_accuracy).toBeLessThanOrEqual(1);
    expect(r.wall_seconds).toBeGreaterThan(0);
  });

  it('prints plain lines in a pipe and writes the validation curve with --report', async () => {
    const dir = join(root(), 'report');
    const run = await runCli(['tune', '--C', 'logspace:-2:0:3', ...QUICK, '--report', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'tune softmax-regression: 3 settings × 2 folds on 100 samples (10/class, seed 0)',
    );
    expect(run.stdout).toMatch(/^C=0\.1\s+mean CV accuracy \d\.\d{4} ± \d\.\d{4}/m);
    expect(run.stdout).toMatch(/^refit on all sampled data: .*test accuracy \d\.\d{4}$/m);
    expect(run.stdout).toMatch(/^best C=[\d.]+: mean CV accuracy/m);
    const saved = JSON.parse(await readFile(join(dir, 'tune-result.json'), 'utf8')) as TuneJson;
    expect(saved.settings).toHaveLength(3);
    const svg = await readFile(join(dir, 'validation-curve.svg'), 'utf8');
    expect(svg).toContain('Validation curve: softmax-regression on MNIST');
    const png = await readFile(join(dir, 'validation-curve.png'));
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('reports bad grids and fold counts in one line', async () => {
    expectOneLineError(await runCli(['tune', '--C', '1']), /found only single values/, 2);
    expectOneLineError(
      await runCli(['tune', '--C', '-1,1']),
      /value -1 of option 'C' is outside its schema/,
      2,
    );
    expectOneLineError(await runCli(['tune', '--gamma', '1,2']), /unknown option '--gamma'/, 2);
    expectOneLineError(
      await runCli(['tune', '--C', '1,2', '--per-class', '4', '--cv', '5']),
      /expected at least 5 samples in every class for 5 folds, found class 0 with 4 samples/,
      1,
    );
  });

  it('stops on Ctrl-C with what finished, exit 130', async () => {
    const cli = startCli([
      'tune',
      '--C',
      'logspace:-3:2:6',
      '--per-class',
      '300',
      '--max-iter',
      '500',
    ]);
    await cli.waitFor(/^tune softmax-regression/m);
    cli.child.kill('SIGINT');
    const run = await cli.finished;
    expect(run.code).toBe(130);
    expect(run.stdout).toMatch(/stopped by an interrupt; best /);
    expect(run.stdout).not.toContain('refit');
  });
});
