import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { sharedTemporaryDirectory } from '@digitlab/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError } from '../test-support/expect-one-line-error.js';
import { type CliRun, quickTrainArgs, runCli } from '../test-support/run-cli.js';

const FIGURES = ['confusion-matrix', 'learning-curves', 'misclassified', 'per-class', 'weights'];
const MAX_ITER = 8;

const root = sharedTemporaryDirectory('digitlab-report-cli-');

/** Every file under `dir`, relative to it, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

const reportFiles = (figures: readonly string[]) =>
  [
    'history.jsonl',
    'report.html',
    'result.json',
    ...figures.flatMap((f) => [`figures/${f}.png`, `figures/${f}.svg`]),
  ].sort();

/** One line on stderr, no stack trace, exit code 2 (a mistake in the command line). */
const expectUsageError = (run: CliRun, pattern: RegExp) => expectOneLineError(run, pattern, 2);

describe('train --report and digitlab report', { timeout: 120_000 }, () => {
  let model: string;
  let jsonReport: string;
  let trained: CliRun;
  beforeAll(async () => {
    model = join(root(), 'model');
    jsonReport = join(root(), 'json-report');
    trained = await runCli(
      quickTrainArgs(
        { json: true, perClass: 20, maxIter: MAX_ITER },
        '--save',
        model,
        '--report',
        jsonReport,
      ),
    );
  }, 120_000);

  it('train --json --report writes every file, result.json being the object on stdout', async () => {
    expect(trained.code, trained.stderr).toBe(0);
    // stdout stays the one JSON object; where the report went is said on stderr.
    expect(trained.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(trained.stdout) as { saved_to: string; iterations: number };
    expect(result.saved_to).toBe(model);
    expect(await filesUnder(jsonReport)).toEqual(reportFiles(FIGURES));
    expect(JSON.parse(await readFile(join(jsonReport, 'result.json'), 'utf8'))).toEqual(result);
    const reported = trained.stderr
      .split('\n')
      .map((l) => (l.startsWith('{') ? (JSON.parse(l) as Record<string, unknown>) : {}))
      .find((e) => e.type === 'reported');
    expect(reported).toMatchObject({ dir: jsonReport, path: join(jsonReport, 'report.html') });
    expect(reported?.note).toMatch(/^figures drawn in confusion-matrix \d+ ms, per-class \d+ ms/);
    const history = (await readFile(join(jsonReport, 'history.jsonl'), 'utf8'))
      .trimEnd()
      .split('\n');
    expect(history).toHaveLength(result.iterations);
    expect(history.map((l) => (JSON.parse(l) as { step: number }).step)).toEqual(
      Array.from({ length: result.iterations }, (_, i) => i + 1),
    );
  });

  it('train --report in plain mode says where the report is and how long each figure took', async () => {
    const dir = join(root(), 'plain-report');
    const run = await runCli(quickTrainArgs({ perClass: 20, maxIter: MAX_ITER }, '--report', dir));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^report written to ${join(dir, 'report.html')} \\(figures drawn in confusion-matrix \\d+ ms, per-class \\d+ ms, learning-curves \\d+ ms, weights \\d+ ms, misclassified \\d+ ms\\)$`,
        'm',
      ),
    );
    expect(await filesUnder(dir)).toEqual(reportFiles(FIGURES));
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h1>softmax-regression on mnist</h1>');
    expect(html).toMatch(/<th scope="row">training set<\/th><td>200 images \(20\/class, seed 0\)/);
    expect(html).not.toMatch(/<script|src="http/i);
  });

  it("report --model writes the saved model's report: evaluate's JSON as result.json, no learning curves and why", async () => {
    const dir = join(root(), 'model-report');
    const run = await runCli(['report', '--model', model, '--out', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(
      new RegExp(`^report written to ${join(dir, 'report.html')} \\(figures drawn in .+ ms\\)$`),
    );
    expect(await filesUnder(dir)).toEqual(
      reportFiles(FIGURES.filter((f) => f !== 'learning-curves')),
    );
    expect(await readFile(join(dir, 'history.jsonl'), 'utf8')).toBe('');
    const evaluated = await runCli(['evaluate', '--model', model, '--json']);
    expect(JSON.parse(await readFile(join(dir, 'result.json'), 'utf8'))).toEqual(
      JSON.parse(evaluated.stdout),
    );
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Not drawn: a saved model keeps no training history');
    expect(html).toContain(`<th scope="row">model</th><td>${model}</td>`);

    // Written again over itself: an earlier report is replaced.
    const again = await runCli(['report', '--model', model, '--out', dir]);
    expect(again.code).toBe(0);
  });

  it('rejects a missing --out, a --model that is not a model and an --out that is a file', async () => {
    expectUsageError(
      await runCli(['report', '--model', model]),
      /required option '--out <dir>' not specified/,
    );
    const notModel = join(root(), 'not-a-model');
    await mkdir(notModel);
    expectUsageError(
      await runCli(['report', '--model', notModel, '--out', join(root(), 'never')]),
      new RegExp(`--model: ${notModel}: expected a saved digitlab model .*found no manifest`),
    );
    const file = join(root(), 'a-file');
    await writeFile(file, 'keep me');
    expectUsageError(
      await runCli(['report', '--model', model, '--out', file]),
      new RegExp(
        `--out: ${file}: expected a new directory, an empty one, or an earlier report to replace, found a file`,
      ),
    );
    expect(await readFile(file, 'utf8')).toBe('keep me');
    await expect(readdir(join(root(), 'never'))).rejects.toThrow(/ENOENT/);
  });

  it('train --report refuses a directory holding other files before training', async () => {
    const dir = join(root(), 'someone-elses');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'keep me');
    const run = await runCli(quickTrainArgs({ perClass: 20, maxIter: MAX_ITER }, '--report', dir));
    expectUsageError(run, /--report: .*found a directory holding other files \(notes\.txt\)/);
    expect(run.stdout).toBe('');
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });
});
