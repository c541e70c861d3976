import { FASHION_MNIST_CLASS_NAMES } from '@digitlab/datasets';
import { describe, expect, it } from 'vitest';
import { FiguresError } from './figures-error.js';
import { formatProbability, misclassifiedFigure } from './misclassified-figure.js';
import { pickMisclassified } from './pick-misclassified.js';
import { renderPng } from './render-png.js';
import {
  decodeDataUrl,
  decodePng,
  descendants,
  inkAtText,
  marks,
  parseSvg,
  texts,
} from './testing/svg-and-png.js';

const SIDE = 28;

/** n held-out "images", sample i filled with the value i / n so tiles can be told apart. */
function heldOut(trueLabels: number[], predictedLabels: number[], confidence: number[]) {
  const n = trueLabels.length;
  const images = new Float32Array(n * SIDE * SIDE);
  for (let i = 0; i < n; i++) images.fill(i / n, i * SIDE * SIDE, (i + 1) * SIDE * SIDE);
  return { images, shape: [SIDE, SIDE] as const, trueLabels, predictedLabels, confidence };
}

const captions = (svg: string) => marks(parseSvg(svg), 'text mark').map((t) => t.textContent);

describe('pickMisclassified', () => {
  it('picks only mistakes, the most confident first, ties in sample order, up to the limit', () => {
    const predictions = {
      trueLabels: [0, 1, 2, 3, 4, 5, 6],
      predictedLabels: [0, 2, 2, 5, 1, 0, 1],
      confidence: [0.99, 0.6, 0.97, 0.9, 0.6, 0.95, 0.7],
    };
    expect(pickMisclassified(predictions, 10)).toEqual([5, 3, 6, 1, 4]);
    expect(pickMisclassified(predictions, 2)).toEqual([5, 3]);
    expect(pickMisclassified(predictions, 0)).toEqual([]);
  });

  it('refuses arrays of different lengths and probabilities outside [0, 1]', () => {
    expect(() =>
      pickMisclassified({ trueLabels: [0, 1], predictedLabels: [1], confidence: [1, 1] }, 5),
    ).toThrow(
      'pickMisclassified: expected predictedLabels to have 2 entries (one per true label), found 1',
    );
    expect(() =>
      pickMisclassified({ trueLabels: [0], predictedLabels: [1], confidence: [1.5] }, 5),
    ).toThrow('pickMisclassified: expected confidence[0] to be a probability in [0, 1], found 1.5');
  });
});

describe('formatProbability', () => {
  it.each([
    [0.5, '0.50'],
    [0.994, '0.99'],
    [0.998, '0.998'],
    [0.9999, '>0.999'],
    [1, '1.00'],
  ])('%s → %s', (p, text) => expect(formatProbability(p)).toBe(text));
});

describe('misclassifiedFigure', () => {
  it('captions the most confident mistakes first as true → predicted (p)', async () => {
    const input = heldOut(
      [3, 1, 7, 4, 9, 2],
      [3, 7, 1, 9, 4, 2],
      [0.99, 0.61, 0.93, 0.875, 0.999, 0.8],
    );
    const figure = await misclassifiedFigure(input);
    expect(figure).toBeDefined();
    expect(captions(figure!.svg)).toEqual([
      '9 → 4 (0.999)',
      '7 → 1 (0.93)',
      '4 → 9 (0.88)',
      '1 → 7 (0.61)',
    ]);
    // The tiles show those samples, in that order (sample i is filled with i / 6, the first
    // shown (sample 4) the darkest of them).
    const root = parseSvg(figure!.svg);
    const tiles = descendants(root).filter((el) => el.tagName === 'image');
    const grey = tiles.map(
      (tile) => decodeDataUrl(tile.getAttribute('xlink:href')!).pixel(5, 5)[0],
    );
    expect(grey).toHaveLength(4);
    expect(grey[0]).toBe(0);
    expect(grey[3]).toBe(255);
    expect(grey[1]!).toBeLessThan(grey[3]!);
    expect(texts(root)).toContain(
      '4 of 4 misclassified held-out images (of 6): true → predicted (probability)',
    );
  });

  it('names classes when the dataset has names, and shows at most the limit', async () => {
    const trueLabels = Array.from({ length: 50 }, (_, i) => i % 10);
    const predictedLabels = trueLabels.map((t) => (t + 1) % 10);
    const confidence = trueLabels.map((_, i) => 0.5 + i / 100);
    const figure = await misclassifiedFigure(
      {
        ...heldOut(trueLabels, predictedLabels, confidence),
        classNames: FASHION_MNIST_CLASS_NAMES,
      },
      { limit: 36 },
    );
    const shown = captions(figure!.svg);
    expect(shown).toHaveLength(36);
    // Long captions widen the cells: fewer per row keep the figure about 1000 pixels wide.
    expect(figure!.width).toBeLessThanOrEqual(1040);
    expect(shown[0]).toBe('Ankle boot → T-shirt/top (0.99)');
    expect(shown[1]).toBe('Bag → Ankle boot (0.98)');
  });

  it('has nothing to draw when the model makes no mistake', async () => {
    await expect(misclassifiedFigure(heldOut([1, 2], [1, 2], [0.9, 0.8]))).resolves.toBeUndefined();
  });

  it('renders to a PNG of its size with the title drawn', async () => {
    const input = heldOut([0, 1, 2], [1, 2, 0], [0.9, 0.8, 0.7]);
    const figure = (await misclassifiedFigure(input, { columns: 2 }))!;
    const raster = decodePng(renderPng(figure.svg, { scale: 2 }));
    expect([raster.width, raster.height]).toEqual([figure.width * 2, figure.height * 2]);
    expect(inkAtText(parseSvg(figure.svg), raster, 2, 'Most confident mistakes')).toBeGreaterThan(
      50,
    );
  });

  it('refuses a number of columns that is not a positive integer', async () => {
    const input = heldOut([0, 1], [1, 0], [0.9, 0.9]);
    await expect(misclassifiedFigure(input, { columns: 0 })).rejects.toThrow(
      'misclassifiedFigure: expected options.columns to be a positive integer, found 0',
    );
  });

  it('refuses images that do not match the labels', async () => {
    const input = { ...heldOut([0, 1], [1, 0], [0.9, 0.9]), images: new Float32Array(SIDE * SIDE) };
    await expect(misclassifiedFigure(input)).rejects.toThrow(FiguresError);
    await expect(misclassifiedFigure(input)).rejects.toThrow(
      'misclassifiedFigure: expected images to hold 2 images of 28×28 values (1568), found 784 values',
    );
  });
});
