import { describe, expect, it } from 'vitest';
import { inkLevels, MIN_CONTRAST_SHARE, NOISE_SIGMAS, removePaperNoise } from './paper-noise.js';
import { raster } from './raster.js';
import { robustSpread } from './robust-statistics.js';

/** A 40×40 ink image: `paper(i)` everywhere, a 10×10 block of `ink` in the middle. */
function page(paper: (i: number) => number, ink = 255) {
  return raster(
    40,
    40,
    Array.from({ length: 1600 }, (_, i) => {
      const row = Math.floor(i / 40);
      const col = i % 40;
      return row >= 15 && row < 25 && col >= 15 && col < 25 ? ink : paper(i);
    }),
  );
}

describe('inkLevels', () => {
  it('on clean paper: paper 0, the threshold a small share of the contrast', () => {
    const levels = inkLevels(page(() => 0, 200));
    expect(levels).toEqual({
      paper: 0,
      threshold: MIN_CONTRAST_SHARE * 200,
      stroke: 100,
      peak: 200,
    });
  });

  it('on grainy paper: the threshold clears the grain', () => {
    const grain = (i: number) => 20 + ((i * 7919) % 13); // 20..32
    const image = page(grain);
    const levels = inkLevels(image);
    expect(levels?.paper).toBeCloseTo(26, 0);
    expect(levels?.threshold).toBeGreaterThan(32);
    expect(levels?.threshold).toBeCloseTo(
      (levels?.paper as number) + NOISE_SIGMAS * robustSpread(image.values.filter((v) => v < 100)),
      0,
    );
  });

  it('a grey frame round the edge does not pass for the paper', () => {
    const framed = page(() => 0);
    framed.values.forEach((_, i) => {
      const row = Math.floor(i / 40);
      const col = i % 40;
      if (row < 2 || col < 2 || row >= 38 || col >= 38) framed.values[i] = 60;
    });
    expect(inkLevels(framed)?.paper).toBe(0);
  });

  it('is undefined when nothing stands out of the paper', () => {
    expect(inkLevels(page(() => 100, 110))).toBeUndefined();
    expect(inkLevels(raster(5, 5))).toBeUndefined();
  });

  it('takes a given threshold as it is', () => {
    expect(
      inkLevels(
        page(() => 0),
        90,
      ),
    ).toMatchObject({ threshold: 90, paper: 0 });
    expect(
      inkLevels(
        page(() => 0, 80),
        90,
      ),
    ).toBeUndefined();
  });
});

describe('removePaperNoise', () => {
  it('zeroes what is at or below the threshold and stretches paper..peak onto 0..255', () => {
    const out = removePaperNoise(raster(4, 1, [20, 30, 70, 120]), {
      paper: 20,
      threshold: 30,
      stroke: 70,
      peak: 120,
    });
    expect(Array.from(out.values)).toEqual([0, 0, 127.5, 255]);
  });

  it('leaves clean MNIST-like ink (paper 0, peak 255) unchanged', () => {
    const values = [0, 0, 12, 130, 255];
    const out = removePaperNoise(raster(5, 1, values), {
      paper: 0,
      threshold: 10,
      stroke: 127.5,
      peak: 255,
    });
    expect(Array.from(out.values)).toEqual(values);
  });
});
