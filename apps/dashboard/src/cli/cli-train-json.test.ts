import { MNIST_CLASS_NAMES } from '@digitlab/datasets';
import { describe, expect, it } from 'vitest';
import { quickTrainArgs, runCli } from '../test-support/run-cli.js';

interface TrainJson {
  dataset: string;
  n_train: number;
  n_test: number;
  classifier: string;
  optimizer: string;
  backend: string;
  iterations: number;
  evaluations: number;
  evaluations_unit: string | null;
  fit_seconds: number;
  objective: number;
  train_accuracy: number;
  test_accuracy: number;
  stop_reason: string;
  confusion_matrix: number[][];
  per_class: { class: string; precision: number; recall: number; f1: number; support: number }[];
}

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('digitlab train --json', { timeout: 90_000 }, () => {
  it('prints one result object whose fields are consistent with each other', async () => {
    const run = await runCli(quickTrainArgs({ json: true, perClass: 20, maxIter: 5 }));
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!) as TrainJson;

    expect(r).toMatchObject({
      dataset: 'mnist',
      n_train: 200,
      n_test: 10000,
      classifier: 'softmax-regression',
      optimizer: 'lbfgs',
      backend: 'cpu',
    });
    expect(Number.isInteger(r.iterations)).toBe(true);
    expect(r.iterations).toBeGreaterThanOrEqual(1);
    expect(r.iterations).toBeLessThanOrEqual(5);
    expect(r.evaluations).toBeGreaterThanOrEqual(r.iterations);
    expect(r.evaluations_unit).toBe('f-evals');
    expect(r.fit_seconds).toBeGreaterThan(0);
    expect(Number.isFinite(r.objective)).toBe(true);
    expect(r.objective).toBeGreaterThan(0);
    for (const acc of [r.train_accuracy, r.test_accuracy]) {
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(1);
    }
    expect(typeof r.stop_reason).toBe('string');
    if (r.iterations === 5) expect(r.stop_reason).toBe('max-iter');

    const k = 10;
    expect(r.confusion_matrix).toHaveLength(k);
    let total = 0;
    let trace = 0;
    r.confusion_matrix.forEach((row, i) => {
      expect(row).toHaveLength(k);
      for (const v of row) expect(Number.isInteger(v) && v >= 0).toBe(true);
      const rowSum = row.reduce((a, b) => a + b, 0);
      expect(rowSum).toBe(r.per_class[i]!.support);
      expect(r.per_class[i]!.recall).toBeCloseTo(row[i]! / rowSum, 10);
      total += rowSum;
      trace += row[i]!;
    });
    expect(total).toBe(r.n_test);
    expect(r.test_accuracy).toBeCloseTo(trace / r.n_test, 12);
    expect(r.per_class.map((c) => c.class)).toEqual(MNIST_CLASS_NAMES);
    for (const c of r.per_class) {
      for (const v of [c.precision, c.recall, c.f1]) expect(v >= 0 && v <= 1).toBe(true);
    }

    // Progress went to stderr as JSON lines; held-out evaluation ran once, at the end.
    const events = jsonLines(run.stderr);
    const steps = events.filter((e) => e.type === 'progress').map((e) => e.step);
    expect(steps).toEqual(Array.from({ length: r.iterations }, (_, i) => i + 1));
    const evaluated = events.filter((e) => e.type === 'evaluated');
    expect(evaluated).toEqual([
      { type: 'evaluated', step: r.iterations, test_accuracy: r.test_accuracy },
    ]);
  });

  it('takes --tol 0 as scikit-learn does: never stops on the gradient, runs every iteration', async () => {
    const run = await runCli(
      quickTrainArgs({ json: true, perClass: 20, maxIter: 5 }, '--tol', '0'),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ iterations: 5, stop_reason: 'max-iter' });
    // A negative tolerance is a usage error naming the flag (as JSON under --json).
    const negative = await runCli(
      quickTrainArgs({ json: true, perClass: 20, maxIter: 5 }, '--tol', '-1'),
    );
    expect(negative.code).toBe(2);
    expect((JSON.parse(negative.stdout) as { error: string }).error).toMatch(
      /--tol: .*>=0, found -1$/,
    );
  });

  it('evaluates every --eval-every steps when asked', async () => {
    const run = await runCli(
      quickTrainArgs({ json: true, perClass: 10, maxIter: 5 }, '--eval-every', '2'),
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as TrainJson;
    const evaluated = jsonLines(run.stderr)
      .filter((e) => e.type === 'evaluated')
      .map((e) => e.step);
    const expected = [2, 4].filter((s) => s < result.iterations);
    expect(evaluated).toEqual([...expected, result.iterations]);
  });

  it("evaluates by time with --eval-every auto, and counts a mini-batch solver's batches", async () => {
    const run = await runCli(
      quickTrainArgs(
        { json: true, perClass: 10, maxIter: 5 },
        '--eval-every',
        'auto',
        '--optimizer',
        'sgd',
        '--epochs',
        '3',
      ),
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as TrainJson;
    expect(result).toMatchObject({ iterations: 3, evaluations_unit: 'batches' });
    const evaluated = jsonLines(run.stderr)
      .filter((e) => e.type === 'evaluated')
      .map((e) => e.step);
    // The first epoch, whatever it costs, and the last.
    expect(evaluated[0]).toBe(1);
    expect(evaluated.at(-1)).toBe(3);
  });
});
