import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedTemporaryDirectory } from '@digitlab/core/testing';
import { decodePng, parseSvg } from '@digitlab/figures/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from './report-error.js';
import { listFiles } from './test-support/read-report.js';
import { SAMPLE_RESULT, SAMPLE_STEPS, sampleInput } from './test-support/sample-input.js';
import { formatRenderTimes, type WrittenReport, writeReport } from './write-report.js';

const FIGURES = ['confusion-matrix', 'learning-curves', 'misclassified', 'per-class', 'weights'];

const root = sharedTemporaryDirectory('digitlab-report-test-');

describe('writeReport on a full run', () => {
  let dir: string;
  let written: WrittenReport;
  let html: string;
  beforeAll(async () => {
    dir = join(root(), 'full', 'report');
    written = await writeReport(dir, sampleInput());
    html = await readFile(join(dir, 'report.html'), 'utf8');
  });

  it('writes report.html, result.json, history.jsonl and every figure as SVG and PNG', async () => {
    const expected = [
      'report.html',
      'result.json',
      'history.jsonl',
      ...FIGURES.flatMap((f) => [`figures/${f}.svg`, `figures/${f}.png`]),
    ].sort();
    expect(await listFiles(dir)).toEqual(expected);
    expect(written.files).toEqual(expected);
    expect(written.html).toBe(join(dir, 'report.html'));
    expect(written.omitted).toEqual([]);
    // Nothing left beside it: the staging directory was renamed into place.
    expect(await readdir(join(root(), 'full'))).toEqual(['report']);
  });

  it('makes an ordinary directory, not mkdtemp’s private one', async () => {
    const mask = process.umask();
    const mode = (await stat(dir)).mode & 0o777;
    expect(mode).toBe(0o777 & ~mask);
  });

  it('writes result.json as the very object it was given', async () => {
    expect(JSON.parse(await readFile(join(dir, 'result.json'), 'utf8'))).toEqual(SAMPLE_RESULT);
  });

  it('writes one JSON object per progress event to history.jsonl', async () => {
    const text = await readFile(join(dir, 'history.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(SAMPLE_STEPS);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.step)).toEqual(
      Array.from({ length: SAMPLE_STEPS }, (_, i) => i + 1),
    );
    expect(events[4]).toMatchObject({ type: 'progress', step: 5 });
    expect(events[4]?.test_accuracy).toBeCloseTo(0.6, 12);
    expect(events[0]).toMatchObject({ objective: 1.2, test_accuracy: null, elapsed_ms: 12 });
  });

  it('writes SVGs that parse and PNGs that decode at twice the figure size', async () => {
    for (const name of FIGURES) {
      const svg = parseSvg(await readFile(join(dir, 'figures', `${name}.svg`), 'utf8'));
      const width = Number(svg.getAttribute('width'));
      const height = Number(svg.getAttribute('height'));
      expect(width, name).toBeGreaterThan(0);
      const png = decodePng(await readFile(join(dir, 'figures', `${name}.png`)));
      expect([png.width, png.height], name).toEqual([width * 2, height * 2]);
    }
  });

  it('times every figure it drew', () => {
    expect(written.figures.map((f) => f.name).sort()).toEqual(FIGURES);
    for (const f of written.figures) {
      expect(f.svgMs).toBeGreaterThanOrEqual(0);
      expect(f.pngMs).toBeGreaterThanOrEqual(0);
    }
    expect(formatRenderTimes(written)).toMatch(/^confusion-matrix \d+ ms, per-class \d+ ms, /);
  });

  it('holds every figure inline, and nothing that loads from elsewhere or runs', () => {
    for (const name of FIGURES) {
      expect(html).toMatch(
        new RegExp(
          `<section class="figure" id="figure-${name}">\\s*<h3>[^<]+</h3>\\s*<figure>\\s*<svg `,
        ),
      );
      expect(html).toContain(`<a href="figures/${name}.png">PNG</a>`);
    }
    expect(html.match(/<svg /g)).toHaveLength(FIGURES.length);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
  });

  it('gives every element id once, so each colour bar keeps its own gradient', () => {
    const ids = Array.from(html.matchAll(/\sid="([^"]+)"/g), (m) => m[1]);
    expect(ids.length).toBeGreaterThan(FIGURES.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
  });

  it('shows the settings, escaped, and the classification report with its averages', () => {
    expect(html).toContain(
      '<th scope="row">a value &lt;to escape&gt;</th><td>Fish &amp; &quot;chips&quot;</td>',
    );
    // 60 samples, every sixth wrong: 50 right.
    expect(html).toContain('<strong>83.33%</strong> (50 of 60 images)');
    for (const label of ['zero', 'one', 'two', 'accuracy', 'macro avg', 'weighted avg']) {
      expect(html).toMatch(
        new RegExp(`<th scope="row">${label}</th>(<td>[0-9.]*</td>){3}<td>\\d+</td>`),
      );
    }
    expect(html).toContain('the wasm backend did not initialize');
    expect(html).toContain('Written 2026-01-02 03:04:05 UTC');
  });
});

describe('writeReport leaves out what it has nothing for, and says why', () => {
  it('a saved model: no history, no weights, no probabilities', async () => {
    const dir = join(root(), 'saved-model');
    const written = await writeReport(
      dir,
      sampleInput({
        history: { missing: 'a saved model keeps no training history.' },
        imageSets: [],
        heldOut: { ...sampleInput().heldOut, probabilities: undefined },
      }),
    );
    expect(await listFiles(dir)).toEqual([
      'figures/confusion-matrix.png',
      'figures/confusion-matrix.svg',
      'figures/per-class.png',
      'figures/per-class.svg',
      'history.jsonl',
      'report.html',
      'result.json',
    ]);
    expect(await readFile(join(dir, 'history.jsonl'), 'utf8')).toBe('');
    expect(written.omitted.map((o) => o.name)).toEqual([
      'learning-curves',
      'weights',
      'misclassified',
    ]);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Not drawn: a saved model keeps no training history.');
    expect(html).toContain('Not drawn: softmax-regression has no image-shaped parameters to show.');
    expect(html).toContain(
      'Not drawn: the model&#39;s probabilities on the held-out set were not given',
    );
  });

  it('a perfect model has no mistakes to show', async () => {
    const input = sampleInput();
    const dir = join(root(), 'perfect');
    const written = await writeReport(dir, {
      ...input,
      heldOut: { ...input.heldOut, predictions: Int32Array.from(input.heldOut.labels) },
    });
    expect(written.omitted).toEqual([
      { name: 'misclassified', reason: 'the model got every test image right.' },
    ]);
  });
});

describe('writeReport and the directory it is given', () => {
  it('replaces an earlier report, leaving none of its files behind', async () => {
    const dir = join(root(), 'again');
    await writeReport(dir, sampleInput());
    await writeReport(dir, sampleInput({ imageSets: [] }));
    const files = await listFiles(dir);
    expect(files).not.toContain('figures/weights.png');
    expect(files).toContain('figures/confusion-matrix.png');
    expect(await readdir(root())).not.toContainEqual(expect.stringMatching(/^\.again/));
  });

  it('writes into an empty directory', async () => {
    const dir = join(root(), 'empty');
    await mkdir(dir);
    await writeReport(dir, sampleInput({ imageSets: [] }));
    expect(await listFiles(dir)).toContain('report.html');
  });

  it('refuses a file, naming it', async () => {
    const file = join(root(), 'a-file');
    await writeFile(file, 'keep me');
    await expect(writeReport(file, sampleInput())).rejects.toThrow(
      new ReportError(
        file,
        'a new directory, an empty one, or an earlier report to replace',
        'a file',
      ),
    );
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });

  it('refuses a directory holding other files, and leaves it as it was', async () => {
    const dir = join(root(), 'mine');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'keep me');
    await writeFile(join(dir, 'report.html'), 'not ours');
    await expect(writeReport(dir, sampleInput())).rejects.toThrow(
      /mine: expected a new directory, an empty one, or an earlier report to replace, found a directory holding other files \(notes\.txt\)/,
    );
    expect(await readdir(dir)).toEqual(['notes.txt', 'report.html']);
  });

  it('writes nothing at all when the input is wrong', async () => {
    const dir = join(root(), 'bad-input');
    const input = sampleInput();
    await expect(
      writeReport(dir, {
        ...input,
        heldOut: { ...input.heldOut, probabilities: new Float32Array(5) },
      }),
    ).rejects.toThrow(
      'writeReport: heldOut.probabilities: expected 60 × 3 values (one per sample and class), found 5 values',
    );
    await expect(
      writeReport(dir, { ...input, images: { values: new Float32Array(7), shape: [6, 6] } }),
    ).rejects.toThrow(
      'writeReport: images.values: expected 60 images of 6 × 6 values (2160), found 7 values',
    );
    expect(await readdir(root())).not.toContainEqual(expect.stringMatching(/bad-input/));
  });
});
