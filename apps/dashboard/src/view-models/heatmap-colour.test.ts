import { describe, expect, it } from 'vitest';
import {
  BLUES,
  GREENS,
  heatmapCellColours,
  rampColour,
  readableTextColour,
} from './heatmap-colour.js';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('heatmap colours', () => {
  it('starts and ends on the ramp stops and clamps outside [0, 1]', () => {
    expect(rampColour(BLUES, 0)).toBe(BLUES[0]);
    expect(rampColour(BLUES, 1)).toBe(BLUES[BLUES.length - 1]);
    expect(rampColour(BLUES, 7)).toBe(BLUES[BLUES.length - 1]);
    expect(rampColour(BLUES, Number.NaN)).toBe(BLUES[0]);
  });

  it('gets darker as the row-normalized value grows', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (let v = 0; v <= 1.0001; v += 0.05) {
      const l = luminance(heatmapCellColours(v, false).background);
      expect(l).toBeLessThanOrEqual(previous);
      previous = l;
    }
  });

  it('uses the green ramp on the diagonal and blue elsewhere', () => {
    const diagonal = heatmapCellColours(1, true).background;
    const off = heatmapCellColours(1, false).background;
    expect(diagonal).toBe(GREENS[GREENS.length - 1]);
    expect(off).toBe(BLUES[BLUES.length - 1]);
  });

  it('writes white on dark cells and black on light ones', () => {
    expect(readableTextColour('#08306b')).toBe('#ffffff');
    expect(readableTextColour('#f7fbff')).toBe('#000000');
    expect(heatmapCellColours(0.95, true).text).toBe('#ffffff');
    expect(heatmapCellColours(0, false).text).toBe('#000000');
  });
});
