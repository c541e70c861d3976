import { FASHION_MNIST_CLASS_NAMES } from '@digitlab/datasets';
import { confusionMatrix } from '@digitlab/metrics';
import { describe, expect, it } from 'vitest';
import { BLACK, schemeScale, WHITE } from './colour-scale.js';
import { confusionMatrixFigure } from './confusion-matrix-figure.js';
import { FiguresError } from './figures-error.js';
import { renderPng } from './render-png.js';
import { SEED_COUNTS } from './test-support/fixtures.js';
import {
  colourDistance,
  decodePng,
  inkAtText,
  marks,
  modeColour,
  parseSvg,
  pixelsIn,
  positionOnScheme,
  rectBox,
  texts,
} from './testing/svg-and-png.js';

const K = 10;
const SCALE = 2;
const magma = schemeScale('magma', [0, 1]);

describe('confusionMatrixFigure', () => {
  it('titles the heatmap with model, dataset and the accuracy of the counts, and labels both axes', async () => {
    const figure = await confusionMatrixFigure({
      counts: SEED_COUNTS,
      run: { model: 'softmax-regression', dataset: 'MNIST' },
    });
    const all = texts(parseSvg(figure.svg));
    expect(all).toContain('Confusion matrix: softmax-regression on MNIST');
    expect(all).toContain('test accuracy 0.9068 (9,068 of 10,000)');
    expect(all).toContain('Predicted label');
    expect(all).toContain('True label');
    expect(all).toContain('fraction of true label');
    // Every class name twice as a tick label, once per axis.
    for (let c = 0; c < K; c++)
      expect(all.filter((t) => t === String(c)).length).toBeGreaterThanOrEqual(2);
  });

  it('uses the class names on both axes when the dataset has them', async () => {
    const figure = await confusionMatrixFigure({
      counts: SEED_COUNTS,
      classNames: FASHION_MNIST_CLASS_NAMES,
    });
    const all = texts(parseSvg(figure.svg));
    for (const name of FASHION_MNIST_CLASS_NAMES)
      expect(all.filter((t) => t === name)).toHaveLength(2);
  });

  it('colours by the row-normalized fraction and writes the count in every cell', async () => {
    const counts = [8, 2, 0, 0, 1, 0, 50, 50, 0];
    const root = parseSvg((await confusionMatrixFigure({ counts })).svg);
    const cells = marks(root, 'rect mark');
    expect(cells).toHaveLength(9);
    // Row 0 is 8/10 and 2/10 whatever the other rows hold; the empty row 1 is all fraction 0.
    const fill = (i: number) => cells[i]!.getAttribute('fill');
    const expected = [0.8, 0.2, 0, 0, 1, 0, 0.5, 0.5, 0].map((f) => magma.colour(f).join(', '));
    expect(cells.map((_, i) => fill(i))).toEqual(expected.map((rgb) => `rgb(${rgb})`));
    expect(marks(root, 'text mark').map((t) => t.textContent)).toEqual(counts.map(String));
  });

  it('annotates in black on light cells and white on dark ones', async () => {
    const root = parseSvg((await confusionMatrixFigure({ counts: SEED_COUNTS })).svg);
    const annotations = marks(root, 'text mark');
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) {
        expect(annotations[i * K + j]!.getAttribute('fill')).toBe(i === j ? BLACK : WHITE);
      }
    }
  });

  it('draws the diagonal further along the scale than the rest of its row, with the count readable in every cell', async () => {
    const figure = await confusionMatrixFigure({ counts: SEED_COUNTS });
    const root = parseSvg(figure.svg);
    const raster = decodePng(renderPng(figure.svg, { scale: SCALE }));
    expect([raster.width, raster.height]).toEqual([figure.width * SCALE, figure.height * SCALE]);
    const cells = marks(root, 'rect mark').map(rectBox);
    const annotations = marks(root, 'text mark');
    const position = cells.map((box) =>
      positionOnScheme(magma.colour, modeColour(pixelsIn(raster, box, SCALE, 2))),
    );
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) {
        if (j !== i) expect(position[i * K + i]!).toBeGreaterThan(position[i * K + j]! + 0.5);
      }
    }
    cells.forEach((box, c) => {
      const ink =
        annotations[c]!.getAttribute('fill') === BLACK
          ? ([0, 0, 0] as const)
          : ([255, 255, 255] as const);
      const inked = pixelsIn(raster, box, SCALE, 2).filter((p) => colourDistance(p, ink) < 60);
      expect(inked.length, `cell ${c}`).toBeGreaterThan(10);
    });
    expect(inkAtText(root, raster, SCALE, 'Confusion matrix')).toBeGreaterThan(50);
  });

  it('accepts the counts of a @digitlab/metrics confusion matrix', async () => {
    const cm = confusionMatrix([0, 1, 1, 2], [0, 1, 2, 2], 3);
    const figure = await confusionMatrixFigure({ counts: cm.rawCounts });
    expect(texts(parseSvg(figure.svg))).toContain('test accuracy 0.7500 (3 of 4)');
  });

  it.each([
    [
      { counts: [1, 2, 3] },
      'confusionMatrixFigure: expected counts to hold k×k values for some k ≥ 1, found 3 values',
    ],
    [
      { counts: [1, 0, 0.5, 1] },
      'confusionMatrixFigure: expected counts[2] to be an integer count ≥ 0, found 0.5',
    ],
    [
      { counts: [0, 0, 0, 0] },
      'confusionMatrixFigure: expected counts to count at least one sample, found all zeros',
    ],
    [
      { counts: [1, 0, 0, 1], classNames: ['a'] },
      'confusionMatrixFigure: expected classNames to hold one name per class (2), found 1 names',
    ],
    [
      { counts: [1, 0, 0, 1], classNames: ['a', 'a'] },
      'confusionMatrixFigure: expected classNames[1] to differ from the names before it, found "a"',
    ],
  ])('refuses bad input with a message that says what and where (%#)', async (input, message) => {
    const refusal = confusionMatrixFigure(input);
    await expect(refusal).rejects.toThrow(FiguresError);
    await expect(refusal).rejects.toThrow(message);
  });
});
