import type { ImageSet } from '@digitlab/core';
import { describe, expect, it } from 'vitest';
import { type Rgb, schemeScale } from './colour-scale.js';
import { FiguresError } from './figures-error.js';
import { imageSetFigure } from './image-set-figure.js';
import { renderPng } from './render-png.js';
import {
  colourDistance,
  decodeDataUrl,
  decodePng,
  descendants,
  imageBox,
  inkAtText,
  modeColour,
  parseSvg,
  pixelsIn,
  positionOnScheme,
  texts,
} from './testing/svg-and-png.js';

const SIDE = 28;
const redblue = schemeScale('redblue', [0, 1]);
const positionOf = (colour: Rgb) => positionOnScheme((t) => redblue.colour(t), colour);

/**
 * Ten 28×28 "coefficient rows": class c is +v on its left half and −v on its right half with a
 * zero column between, v = (c + 1) / 10, so class 9 holds the largest magnitude (1).
 */
function coefficients(): ImageSet {
  return {
    name: 'coefficients',
    title: 'Coefficients per class',
    scale: 'diverging',
    shape: [SIDE, SIDE],
    images: Array.from({ length: 10 }, (_, c) => ({
      label: `Class ${c}`,
      values: Float32Array.from({ length: SIDE * SIDE }, (_, i) => {
        const column = i % SIDE;
        const v = (c + 1) / 10;
        return column < 13 ? v : column > 14 ? -v : 0;
      }),
    })),
  };
}

/** A set of tiny images labelled a, b, … from plain values, for tests that read single pixels. */
function setOf(
  scale: ImageSet['scale'],
  shape: ImageSet['shape'],
  ...images: (readonly number[])[]
): ImageSet {
  return {
    name: scale,
    title: `A ${scale} set`,
    scale,
    shape,
    images: images.map((values, i) => ({
      label: String.fromCharCode(97 + i),
      values: Float32Array.from(values),
    })),
  };
}

/** The embedded image of each tile, in order. */
async function tiles(set: ImageSet) {
  const figure = await imageSetFigure(set);
  const root = parseSvg(figure.svg);
  const images = descendants(root).filter((el) => el.tagName === 'image');
  return { figure, root, images };
}

describe('imageSetFigure', () => {
  it('draws one tile per image, captioned with its label, under the set title', async () => {
    const { root, images } = await tiles(coefficients());
    expect(images).toHaveLength(10);
    const all = texts(root);
    expect(all).toContain('Coefficients per class');
    for (let c = 0; c < 10; c++) expect(all).toContain(`Class ${c}`);
  });

  it('colours positive values blue and negative ones red, mirrored around a neutral 0', async () => {
    const { images } = await tiles(coefficients());
    for (let c = 0; c < 10; c++) {
      const tile = decodeDataUrl(images[c]!.getAttribute('xlink:href')!);
      expect([tile.width, tile.height]).toEqual([SIDE, SIDE]);
      const positive = tile.pixel(3, 10);
      const zero = tile.pixel(13, 10);
      const negative = tile.pixel(24, 10);
      expect(positive[2], `class ${c} positive is blue`).toBeGreaterThan(positive[0]);
      expect(negative[0], `class ${c} negative is red`).toBeGreaterThan(negative[2]);
      // v and −v sit at the same distance either side of the middle of the scale.
      expect(positionOf(positive) + positionOf(negative)).toBeCloseTo(1, 2);
      expect(positionOf(positive)).toBeCloseTo(0.5 + (c + 1) / 20, 2);
      expect(zero).toEqual(redblue.colour(0.5));
    }
  });

  it('keeps the limits symmetric around 0 when the values are not', async () => {
    const { root, images } = await tiles(setOf('diverging', [1, 3], [-1, 0, 4]));
    const tile = decodeDataUrl(images[0]!.getAttribute('xlink:href')!);
    expect(positionOf(tile.pixel(0, 0))).toBeCloseTo(0.5 - 1 / 8, 2);
    expect(tile.pixel(1, 0)).toEqual(redblue.colour(0.5));
    expect(positionOf(tile.pixel(2, 0))).toBeCloseTo(1, 2);
    // The colour bar is labelled with both limits.
    expect(texts(root)).toEqual(expect.arrayContaining(['−4', '4']));
  });

  it('draws the tiles with crisp pixels in the PNG, in the colours of the embedded images', async () => {
    const { figure, root, images } = await tiles(coefficients());
    const scale = 2;
    const raster = decodePng(renderPng(figure.svg, { scale }));
    const box = imageBox(images[9]!);
    // Each source pixel is a 4×4 block (8×8 at scale 2): sample block centres well inside.
    const pixelSide = box.width / SIDE;
    const at = (column: number) =>
      raster.pixel(
        (box.x + (column + 0.5) * pixelSide) * scale,
        (box.y + 10.5 * pixelSide) * scale,
      );
    expect(at(3)).toEqual(redblue.colour(1));
    expect(at(24)).toEqual(redblue.colour(0));
    expect(at(13)).toEqual(redblue.colour(0.5));
    // Crisp: a whole block has one colour, no blur into its neighbours.
    const block = {
      x: box.x + 12 * pixelSide,
      y: box.y + 10 * pixelSide,
      width: pixelSide,
      height: pixelSide,
    };
    const inside = pixelsIn(raster, block, scale, 1);
    expect(new Set(inside.map((p) => p.join(','))).size).toBe(1);
    expect(colourDistance(modeColour(inside), redblue.colour(1))).toBe(0);
    expect(inkAtText(root, raster, scale, 'Coefficients per class')).toBeGreaterThan(50);
  });

  it('draws a sequential set from white at its smallest value to black at its largest', async () => {
    const { root, images } = await tiles(setOf('sequential', [1, 3], [0, 0.5, 1], [1, 0.25, 0]));
    expect(texts(root)).toContain('white 0 to black 1, shared by all tiles');
    const tile = decodeDataUrl(images[0]!.getAttribute('xlink:href')!);
    expect(tile.pixel(0, 0)).toEqual([255, 255, 255]);
    expect(tile.pixel(1, 0)).toEqual([128, 128, 128]);
    expect(tile.pixel(2, 0)).toEqual([0, 0, 0]);
  });

  it.each([
    [
      { shape: [2, 2], values: [1, 2, 3] },
      'imageSetFigure: expected set.images[0].values to hold 2×2 = 4 values, found 3',
    ],
    [
      { shape: [0, 2], values: [] },
      'imageSetFigure: expected set.shape to be [height, width], positive integers, found [0,2]',
    ],
    [
      { shape: [1, 2], values: [1, Number.NaN] },
      'imageSetFigure: expected set.images[0].values to be finite numbers, found NaN',
    ],
  ] as const)('refuses a malformed set (%#)', async ({ shape, values }, message) => {
    const set = setOf('diverging', shape, values);
    await expect(imageSetFigure(set)).rejects.toThrow(FiguresError);
    await expect(imageSetFigure(set)).rejects.toThrow(message);
  });
});
