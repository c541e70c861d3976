import { describe, expect, it } from 'vitest';
import { detectPolarity, inkOf } from './polarity.js';
import { raster } from './raster.js';

/** A 6×6 grey image: `paper` everywhere, `ink` in the central 2×2. */
function sheet(paper: number, ink: number) {
  return raster(
    6,
    6,
    Array.from({ length: 36 }, (_, i) => {
      const row = Math.floor(i / 6);
      const col = i % 6;
      return row >= 2 && row < 4 && col >= 2 && col < 4 ? ink : paper;
    }),
  );
}

describe('detectPolarity', () => {
  it('reads dark ink on a light border, light ink on a dark one', () => {
    expect(detectPolarity(sheet(250, 10))).toBe('dark-on-light');
    expect(detectPolarity(sheet(5, 240))).toBe('light-on-dark');
  });

  it('goes by most of the border: a stroke reaching the edge does not flip it', () => {
    const image = sheet(240, 0);
    for (let row = 0; row < 6; row++) image.values[row * 6] = 0; // the left edge inked
    expect(detectPolarity(image)).toBe('dark-on-light');
  });
});

describe('inkOf', () => {
  it('inverts dark-on-light and keeps light-on-dark, without touching the input', () => {
    const grey = raster(2, 1, [0, 200]);
    expect(Array.from(inkOf(grey, 'dark-on-light').values)).toEqual([255, 55]);
    expect(Array.from(inkOf(grey, 'light-on-dark').values)).toEqual([0, 200]);
    expect(Array.from(grey.values)).toEqual([0, 200]);
  });
});
