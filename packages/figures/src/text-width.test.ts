import { describe, expect, it } from 'vitest';
import { FONT_FAMILY } from './font.js';
import { renderPng } from './render-png.js';
import { decodePng } from './testing/svg-and-png.js';
import { isOurFont, textWidth } from './text-width.js';

/** The horizontal extent of the ink of `text` set at 100 px, as resvg draws it with our font. */
function inkWidth(text: string): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="160"><text x="20" y="120" font-family="${FONT_FAMILY}" font-size="100">${text}</text></svg>`;
  const raster = decodePng(renderPng(svg, { scale: 1 }));
  let left = Infinity;
  let right = -Infinity;
  for (let x = 0; x < raster.width; x++) {
    for (let y = 0; y < raster.height; y++) {
      if (raster.pixel(x, y)[0] < 128) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        break;
      }
    }
  }
  return right - left + 1;
}

describe('textWidth', () => {
  it('scales with the font size', () => {
    expect(textWidth('0', 2048)).toBe(1303);
    expect(textWidth('0123456789', 10)).toBeCloseTo((10 * 1303 * 10) / 2048, 10);
    expect(textWidth('', 12)).toBe(0);
  });

  it.each([
    'The quick brown fox jumps over the lazy dog',
    'PREDICTED LABEL 0123456789',
    'T-shirt/top → Ankle boot (0.97)',
  ])('matches the shipped font as resvg draws it: %s', (text) => {
    // Ink is narrower than the advances by the side bearings of the first and last glyph.
    const ink = inkWidth(text);
    const advances = textWidth(text, 100);
    expect(ink).toBeLessThanOrEqual(advances + 2);
    expect(ink).toBeGreaterThan(advances - 25);
  });

  it('knows our font by its family name, first in a list or alone', () => {
    expect(isOurFont('DejaVu Sans')).toBe(true);
    expect(isOurFont('"DejaVu Sans", sans-serif')).toBe(true);
    expect(isOurFont('sans-serif')).toBe(false);
    expect(isOurFont(undefined)).toBe(false);
  });
});
