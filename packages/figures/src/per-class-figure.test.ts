import { FASHION_MNIST_CLASS_NAMES } from '@digitlab/datasets';
import { classificationReport, precisionRecallFscoreSupport } from '@digitlab/metrics';
import { describe, expect, it } from 'vitest';
import { FiguresError } from './figures-error.js';
import { perClassFigure } from './per-class-figure.js';
import { renderPng } from './render-png.js';
import { decodePng, inkAtText, marks, parseSvg, rectBox, texts } from './testing/svg-and-png.js';

// Ten classes, a few mistakes each, so the three scores differ between classes.
const yTrue = Array.from({ length: 200 }, (_, i) => i % 10);
const yPred = yTrue.map((t, i) => (i % 7 === 0 ? (t + 1) % 10 : i % 11 === 0 ? (t + 3) % 10 : t));

const PLOT_HEIGHT = 260;

/** The bars of the figure, with the class and metric their aria labels name. */
function bars(svg: string) {
  return marks(parseSvg(svg), 'bar').map((bar) => {
    const fields = Object.fromEntries(
      (bar.getAttribute('aria-label') ?? '')
        .split('; ')
        .map((kv) => kv.split(': ') as [string, string]),
    );
    return {
      box: rectBox(bar),
      className: fields.Class!,
      metric: fields.metric!,
    };
  });
}

describe('perClassFigure', () => {
  it('draws k groups of precision, recall and F1 bars from a classification report', async () => {
    const report = classificationReport(yTrue, yPred, 10, {
      classNames: FASHION_MNIST_CLASS_NAMES,
    });
    const figure = await perClassFigure({
      scores: report,
      run: { model: 'mlp', dataset: 'Fashion-MNIST' },
    });
    const drawn = bars(figure.svg);
    expect(drawn).toHaveLength(30);
    FASHION_MNIST_CLASS_NAMES.forEach((name, c) => {
      const group = drawn.filter((b) => b.className === name);
      expect(group.map((b) => b.metric)).toEqual(['precision', 'recall', 'F1']);
      const row = report.perClass[c]!;
      // Side by side within the group, left to right, as tall as the score on a 0–1 axis.
      expect(group[0]!.box.x).toBeLessThan(group[1]!.box.x);
      expect(group[1]!.box.x).toBeLessThan(group[2]!.box.x);
      [row.precision, row.recall, row.f1].forEach((score, m) => {
        expect(Math.abs(group[m]!.box.height - score * PLOT_HEIGHT)).toBeLessThan(0.5);
      });
    });
    // Groups do not overlap: each class's bars end before the next class's begin.
    for (let c = 0; c + 1 < 10; c++) {
      const last = drawn.filter((b) => b.className === FASHION_MNIST_CLASS_NAMES[c])[2]!.box;
      const next = drawn.filter((b) => b.className === FASHION_MNIST_CLASS_NAMES[c + 1])[0]!.box;
      expect(last.x + last.width).toBeLessThan(next.x);
    }
    const all = texts(parseSvg(figure.svg));
    expect(all).toContain('Precision, recall and F1 per class: mlp on Fashion-MNIST');
    expect(all).toContain(
      `accuracy ${report.accuracy.toFixed(4)} · macro F1 ${report.macroAvg.f1.toFixed(4)}`,
    );
    expect(all).toEqual(
      expect.arrayContaining(['precision', 'recall', 'F1', ...FASHION_MNIST_CLASS_NAMES]),
    );
  });

  it('takes precisionRecallFscoreSupport arrays as well, naming classes by label', async () => {
    const scores = precisionRecallFscoreSupport(yTrue, yPred, 10);
    const figure = await perClassFigure({ scores });
    const drawn = bars(figure.svg);
    expect(drawn).toHaveLength(30);
    expect([...new Set(drawn.map((b) => b.className))]).toEqual(
      Array.from({ length: 10 }, (_, label) => String(label)),
    );
  });

  it('renders to a PNG of its size with the title drawn', async () => {
    const figure = await perClassFigure({
      scores: { precision: [0.5, 1], recall: [1, 0.5], f1: [0.67, 0.67] },
    });
    const raster = decodePng(renderPng(figure.svg, { scale: 2 }));
    expect([raster.width, raster.height]).toEqual([figure.width * 2, figure.height * 2]);
    expect(inkAtText(parseSvg(figure.svg), raster, 2, 'Precision, recall')).toBeGreaterThan(50);
  });

  it.each([
    [
      { precision: [0.5], recall: [0.5, 1], f1: [0.5] },
      'perClassFigure: expected scores to hold as many recall and f1 values as precision values, found 1 precision, 2 recall, 1 f1',
    ],
    [
      { precision: [1.5], recall: [0.5], f1: [0.5] },
      'perClassFigure: expected scores precision of class 0 to be in [0, 1], found 1.5',
    ],
    [
      { precision: [], recall: [], f1: [] },
      'perClassFigure: expected scores to hold at least one class, found none',
    ],
  ])('refuses malformed scores (%#)', async (scores, message) => {
    await expect(perClassFigure({ scores })).rejects.toThrow(FiguresError);
    await expect(perClassFigure({ scores })).rejects.toThrow(message);
  });
});
