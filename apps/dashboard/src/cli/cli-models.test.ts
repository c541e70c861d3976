import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledMnistDirectory, IDX_FILE_NAMES, readIdx } from '@digitlab/datasets/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quickTrainArgs, runCli } from '../test-support/run-cli.js';

let root: string;
let model: string;
let trained: { test_accuracy: number; saved_to: string };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'digitlab-models-'));
  model = join(root, 'model');
  const run = await runCli(
    quickTrainArgs({ json: true, perClass: 20, maxIter: 10 }, '--save', model),
  );
  expect(run.code).toBe(0);
  trained = JSON.parse(run.stdout) as typeof trained;
}, 90_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('models saved by train --save', { timeout: 90_000 }, () => {
  it('is written where --save says', async () => {
    expect(trained.saved_to).toBe(model);
    expect(await readdir(model)).toContain('digitlab-model.json');
  });

  it('evaluate reproduces the held-out accuracy measured during training', async () => {
    const run = await runCli(['evaluate', '--model', model, '--json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as {
      accuracy: number;
      n_test: number;
      confusion_matrix: number[][];
      classifier: string;
    };
    expect(r.classifier).toBe('softmax-regression');
    expect(r.n_test).toBe(10000);
    expect(r.accuracy).toBe(trained.test_accuracy);
    const trace = r.confusion_matrix.reduce((t, row, i) => t + row[i]!, 0);
    expect(trace / r.n_test).toBe(r.accuracy);
  });

  it('evaluate prints the classification report and the confusion matrix as text', async () => {
    const run = await runCli(['evaluate', '--model', model]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/precision\s+recall\s+f1-score\s+support/);
    expect(run.stdout).toMatch(/^true\\pred\s+0\s+1\s+2/m);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('predict labels each image of an IDX file; its accuracy matches evaluate', async () => {
    const images = join(bundledMnistDirectory(), IDX_FILE_NAMES.testImages);
    const run = await runCli(['predict', '--model', model, '--input', images]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(10000);
    const labels = (await readIdx(join(bundledMnistDirectory(), IDX_FILE_NAMES.testLabels))).data;
    let correct = 0;
    lines.forEach((line, i) => {
      const [index, name, probability] = line.split('\t');
      expect(Number(index)).toBe(i);
      expect(Number(probability)).toBeGreaterThan(0.1 - 1e-9);
      expect(Number(probability)).toBeLessThanOrEqual(1);
      if (Number(name) === labels[i]) correct++;
    });
    expect(correct / 10000).toBe(trained.test_accuracy);
  });

  it('predict --json gives index, class and probability per image', async () => {
    const dir = join(root, 'few');
    const images = await readFile(join(bundledMnistDirectory(), IDX_FILE_NAMES.testImages));
    // A valid IDX file of the first 3 images: same header with the count set to 3.
    const header = Buffer.from(images.subarray(0, 16));
    header.writeUInt32BE(3, 4);
    await writeFile(dir, Buffer.concat([header, images.subarray(16, 16 + 3 * 784)]));
    const run = await runCli(['predict', '--model', model, '--input', dir, '--json']);
    expect(run.code).toBe(0);
    const r = JSON.parse(run.stdout) as {
      predictions: { index: number; class: string; label: number; probability: number }[];
    };
    expect(r.predictions.map((p) => p.index)).toEqual([0, 1, 2]);
    for (const p of r.predictions) {
      expect(p.class).toBe(String(p.label));
      expect(p.probability).toBeGreaterThan(0);
      expect(p.probability).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a model whose weights were tampered with, naming the file', async () => {
    const copy = join(root, 'corrupt-model');
    const files = await readdir(model);
    await rm(copy, { recursive: true, force: true });
    await (await import('node:fs/promises')).cp(model, copy, { recursive: true });
    const weights = files.find((f) => f !== 'digitlab-model.json')!;
    const bytes = await readFile(join(copy, weights));
    bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) % 256;
    await writeFile(join(copy, weights), bytes);
    const run = await runCli(['evaluate', '--model', copy]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`${weights}: checksum mismatch`));
  });
});
