import { describe, expect, it } from 'vitest';
import { confusionMatrixFigure } from './confusion-matrix-figure.js';
import { FiguresError } from './figures-error.js';
import { FONT_FAMILY } from './font.js';
import { perClassFigure } from './per-class-figure.js';
import { renderPng } from './render-png.js';
import { SEED_COUNTS } from './test-support/fixtures.js';
import { decodePng, pixelsIn } from './testing/svg-and-png.js';

const textSvg = (family: string, text = 'Predicted label') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="10" y="28" font-family="${family}" font-size="20">${text}</text></svg>`;

const inked = (png: Uint8Array, width: number, height: number) =>
  pixelsIn(decodePng(png), { x: 0, y: 0, width, height }, 1).filter((p) => p[0] < 128).length;

describe('renderPng', () => {
  it('rasterizes at the requested scale: a 200×40 SVG is 200×40, 400×80 and 300×60 pixels', () => {
    const svg = textSvg(FONT_FAMILY);
    for (const [scale, w, h] of [
      [1, 200, 40],
      [2, 400, 80],
      [1.5, 300, 60],
    ] as const) {
      const raster = decodePng(renderPng(svg, { scale }));
      expect([raster.width, raster.height]).toEqual([w, h]);
    }
  });

  it('draws text with the shipped font alone, whatever family the SVG asks for', () => {
    // resvg loads no system font here, so ink can only come from the DejaVu files we ship.
    for (const family of [FONT_FAMILY, 'sans-serif', 'Helvetica, Arial, sans-serif']) {
      expect(inked(renderPng(textSvg(family), { scale: 1 }), 200, 40), family).toBeGreaterThan(150);
    }
  });

  it('gives the same bytes for the same figure', async () => {
    const a = await confusionMatrixFigure({ counts: SEED_COUNTS });
    const b = await confusionMatrixFigure({ counts: SEED_COUNTS });
    expect(b.svg).toBe(a.svg);
    expect(Buffer.from(renderPng(b.svg)).equals(Buffer.from(renderPng(a.svg)))).toBe(true);
  });

  it('keeps figures drawn concurrently identical to figures drawn one at a time', async () => {
    // vega numbers the colour bars' gradients with a counter shared by every render.
    const scores = { precision: [0.9, 0.8], recall: [0.7, 0.95], f1: [0.79, 0.87] };
    const draws = [
      () => confusionMatrixFigure({ counts: SEED_COUNTS }),
      () => perClassFigure({ scores }),
      () => confusionMatrixFigure({ counts: [3, 1, 0, 4] }),
    ];
    const alone = [];
    for (const draw of draws) alone.push(await draw());
    const together = await Promise.all(draws.map((draw) => draw()));
    expect(together.map((f) => f.svg)).toEqual(alone.map((f) => f.svg));
  });

  it('fills the background white unless told otherwise', () => {
    const empty = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>';
    expect(decodePng(renderPng(empty, { scale: 1 })).pixel(1, 1)).toEqual([255, 255, 255]);
    expect(decodePng(renderPng(empty, { scale: 1, background: '#102030' })).pixel(1, 1)).toEqual([
      16, 32, 48,
    ]);
  });

  it.each([0, -1, Number.NaN, 17])('refuses scale %s', (scale) => {
    expect(() => renderPng(textSvg(FONT_FAMILY), { scale })).toThrow(FiguresError);
    expect(() => renderPng(textSvg(FONT_FAMILY), { scale })).toThrow(
      `renderPng: expected options.scale to be a number in (0, 16], found ${scale}`,
    );
  });
});
