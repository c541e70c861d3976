import { describe, expect, it } from 'vitest';
import { greyFromPixels } from './grey-from-pixels.js';

describe('greyFromPixels', () => {
  it('weighs RGB by Rec. 601 luma', () => {
    const grey = greyFromPixels([255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 200], 4, 1, 3);
    expect(Array.from(grey.values).map((v) => Math.round(v * 1000) / 1000)).toEqual([
      76.245, 149.685, 29.07, 200,
    ]);
  });

  it('keeps opaque RGBA and grey as they are', () => {
    expect(Array.from(greyFromPixels([9, 9, 9, 255, 50, 50, 50, 255], 2, 1, 4).values)).toEqual([
      9, 50,
    ]);
    expect(Array.from(greyFromPixels([7, 8], 1, 2, 1).values)).toEqual([7, 8]);
  });

  it('lays dark strokes on a transparent canvas on white paper, whatever the hidden colour', () => {
    // Two opaque black strokes, one transparent pixel that stores black, one half-covered.
    const grey = greyFromPixels([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 128], 4, 1, 4);
    expect(Array.from(grey.values).map(Math.round)).toEqual([0, 0, 255, 127]);
  });

  it('lays light strokes on a transparent canvas on black paper', () => {
    const grey = greyFromPixels([255, 255, 255, 255, 255, 0], 3, 1, 2);
    expect(Array.from(grey.values)).toEqual([255, 255, 0]);
  });

  it('refuses a channel count or length that does not fit', () => {
    expect(() => greyFromPixels([1, 2, 3, 4, 5], 1, 1, 5)).toThrow(/1 to 4 channels, found 5/);
    expect(() => greyFromPixels([1, 2, 3], 2, 1, 3)).toThrow(/2×1×3 = 6 values, found 3/);
  });
});
