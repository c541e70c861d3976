import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDX_FILE_NAMES } from '../idx-file-names.js';
import { bundledMnistDirectory } from '../node/load-mnist.js';
import { readIdx } from '../node/read-idx.js';
import { normalizeDigit } from './normalize-digit.js';
import { raster } from './raster.js';

describe('normalizing MNIST digits that are already normalized', () => {
  it('gives them back within a small mean absolute pixel error', async () => {
    const images = await readIdx(join(bundledMnistDirectory(), IDX_FILE_NAMES.testImages));
    const count = 1000;
    let total = 0;
    let worst = 0;
    let exact = 0;
    for (let i = 0; i < count; i++) {
      const original = images.data.subarray(i * 784, (i + 1) * 784) as Uint8Array;
      // As a grey picture: light ink on dark paper, read from the border like any image.
      const { pixels, polarity } = normalizeDigit(raster(28, 28, original));
      expect(polarity).toBe('light-on-dark');
      let error = 0;
      for (let p = 0; p < 784; p++)
        error += Math.abs((pixels[p] as number) - (original[p] as number));
      error /= 784;
      total += error;
      worst = Math.max(worst, error);
      if (error === 0) exact++;
    }
    // Grey levels out of 255 (when written: mean 0.19, worst 28, 98 of 1000 exact). Edge pixels
    // fainter than the noise threshold (4% of the contrast) are lost; when that makes the box a
    // pixel smaller, the digit is rescaled a little.
    expect(total / count).toBeLessThan(0.5);
    expect(worst).toBeLessThan(40);
    expect(exact / count).toBeGreaterThan(0.05);
  });
});
