import { describe, expect, it } from 'vitest';
import { crop, growBox, inkBoundingBox } from './bounding-box.js';
import { raster } from './raster.js';

/** A raster from rows of digits (each character one pixel, 0–9 → 0–90). */
function picture(rows: string[]) {
  const width = (rows[0] as string).length;
  return raster(
    width,
    rows.length,
    rows.flatMap((r) => [...r].map((c) => Number(c) * 10)),
  );
}

describe('inkBoundingBox', () => {
  it('is the smallest box around the values above the threshold', () => {
    const image = picture(['00000', '00900', '01090', '00000']);
    expect(inkBoundingBox(image)).toEqual({ top: 1, left: 1, width: 3, height: 2 });
    expect(inkBoundingBox(image, 50)).toEqual({ top: 1, left: 2, width: 2, height: 2 });
  });

  it('is undefined without ink', () => {
    expect(inkBoundingBox(picture(['000', '000']))).toBeUndefined();
    expect(inkBoundingBox(picture(['010']), 10)).toBeUndefined();
  });
});

describe('growBox', () => {
  it('takes in faint edges that touch the strokes, diagonals included', () => {
    const image = picture(['1000000', '0200000', '0099000', '0099000', '0000300', '0000000']);
    const strokes = inkBoundingBox(image, 50) as NonNullable<ReturnType<typeof inkBoundingBox>>;
    expect(strokes).toEqual({ top: 2, left: 2, width: 2, height: 2 });
    expect(growBox(image, strokes, 0)).toEqual({ top: 0, left: 0, width: 5, height: 5 });
    // Above 15 only the 2 and the 3 count: the 1 in the corner is left out.
    expect(growBox(image, strokes, 15)).toEqual({ top: 1, left: 1, width: 4, height: 4 });
  });

  it('does not cross clean paper to a frame or a smudge', () => {
    const image = picture(['5555555', '5000005', '5009005', '5000005', '5555555']);
    const strokes = inkBoundingBox(image, 60) as NonNullable<ReturnType<typeof inkBoundingBox>>;
    expect(growBox(image, strokes, 10)).toEqual({ top: 2, left: 3, width: 1, height: 1 });
  });
});

describe('crop', () => {
  it('copies the box out, row by row', () => {
    const image = picture(['123', '456', '789']);
    const part = crop(image, { top: 1, left: 1, width: 2, height: 2 });
    expect(part.width).toBe(2);
    expect(Array.from(part.values)).toEqual([50, 60, 80, 90]);
  });

  it('refuses a box that sticks out, saying where', () => {
    expect(() => crop(picture(['12', '34']), { top: 1, left: 0, width: 2, height: 2 })).toThrow(
      /inside the 2×2 image, found 2×2 at \(0, 1\)/,
    );
  });
});
