import { describe, expect, it } from 'vitest';
import { inkBoundingBox } from './bounding-box.js';
import { centerOfMass } from './center-of-mass.js';
import { ImageInputError } from './image-errors.js';
import { normalizeDigit } from './normalize-digit.js';
import { type Raster, raster } from './raster.js';

/** A grey sheet (white paper) with dark rectangles drawn on it: [top, left, height, width]. */
function sheet(width: number, height: number, rects: [number, number, number, number][]): Raster {
  const image = raster(width, height, new Array(width * height).fill(255));
  for (const [top, left, h, w] of rects) {
    for (let row = top; row < top + h; row++) {
      for (let col = left; col < left + w; col++) image.values[row * width + col] = 0;
    }
  }
  return image;
}

/** A seeded "digit": a few random strokes (rectangles) inside a box of the given size. */
function scribble(seed: number, size: number): [number, number, number, number][] {
  let s = seed;
  const next = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const unit = size / 10;
  return Array.from({ length: 4 }, () => {
    const h = (1 + next(8)) * unit;
    const w = (1 + next(8)) * unit;
    return [next(10 - h / unit + 1) * unit, next(10 - w / unit + 1) * unit, h, w];
  });
}

const box = (pixels: Uint8Array, side = 28) =>
  inkBoundingBox(raster(side, pixels.length / side, pixels));

describe('normalizeDigit', () => {
  it('fits a tall bar into 20 rows, keeping its aspect, centred by mass in 28×28', () => {
    // Dark 40×10 bar on white paper: 20 rows tall, 5 columns wide once fitted.
    const digit = normalizeDigit(sheet(60, 50, [[5, 30, 40, 10]]));
    expect(digit.polarity).toBe('dark-on-light');
    expect(digit.polarityDetected).toBe(true);
    expect(digit.box).toEqual({ top: 5, left: 30, width: 10, height: 40 });
    expect(box(digit.pixels)).toEqual({ top: 5, left: 12, width: 5, height: 20 });
    expect(Math.max(...digit.pixels)).toBe(255);
    const mass = centerOfMass(raster(28, 28, digit.pixels));
    // Mass at row 9.5 of the 20: the offset 14 − 9.5 = 4.5 rounds to 5 (MNIST's are within ½ of 14).
    expect(mass?.row).toBeCloseTo(14.5, 5);
    expect(mass?.col).toBeCloseTo(14, 5);
  });

  it('gives the same result wherever the digit sits on the page, and at any whole scale', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const strokes = scribble(seed, 40);
      const at = (top: number, left: number, k: number) =>
        normalizeDigit(
          sheet(
            60 * k + left,
            70 * k + top,
            strokes.map(([t, l, h, w]) => [top + t * k, left + l * k, h * k, w * k]),
          ),
        ).pixels;
      const reference = at(5, 7, 1);
      expect(at(23, 2, 1)).toEqual(reference);
      const scaled = at(11, 3, 3);
      let error = 0;
      scaled.forEach((v, i) => {
        error += Math.abs(v - (reference[i] as number));
      });
      expect(error / scaled.length).toBeLessThan(0.5);
    }
  });

  it('reads light ink on dark paper as it is, and takes a polarity given', () => {
    const dark = sheet(40, 40, [[10, 15, 20, 6]]);
    dark.values.forEach((v, i) => {
      dark.values[i] = 255 - v;
    });
    const read = normalizeDigit(dark);
    expect(read.polarity).toBe('light-on-dark');
    const given = normalizeDigit(dark, { polarity: 'light-on-dark' });
    expect(given.polarityDetected).toBe(false);
    expect(given.pixels).toEqual(read.pixels);
  });

  it('scales the 20/28 box to another field: 14×14 gets a 10-row digit', () => {
    const digit = normalizeDigit(sheet(60, 50, [[5, 30, 40, 10]]), { shape: [14, 14] });
    expect(digit.pixels).toHaveLength(196);
    expect(box(digit.pixels, 14)?.height).toBe(10);
  });

  it('fits a wide digit by its width, in a field that is not square', () => {
    const digit = normalizeDigit(sheet(80, 30, [[10, 5, 10, 60]]), { shape: [28, 42] });
    // The box for 28×42 is 20×30: the 60×10 bar becomes 30×5.
    expect(box(digit.pixels, 42)).toMatchObject({ width: 30, height: 5 });
  });

  it('reports a blank image as an ImageInputError (blank)', () => {
    const blank = () => normalizeDigit(raster(30, 30, new Array(900).fill(240)));
    expect(blank).toThrow(ImageInputError);
    expect(blank).toThrow(/no ink: nothing stands out of the light paper/);
    try {
      blank();
    } catch (error) {
      expect((error as ImageInputError).problem).toBe('blank');
    }
  });
});
