import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPreprocessing, scaleStep } from '../preprocessing.js';
import { digitFeatures } from './digit-features.js';
import { ImageInputError } from './image-errors.js';
import { readDigitImage } from './read-digit-image.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'digitlab-read-digit-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readDigitImage', () => {
  it('reads a digit drawn on white into MNIST form, with what the file said', async () => {
    const file = join(root, 'one.png');
    await writeFile(
      file,
      await sharp({ create: { width: 90, height: 120, channels: 4, background: '#ffffffff' } })
        .composite([
          {
            input: { create: { width: 12, height: 80, channels: 3, background: '#202020' } },
            left: 40,
            top: 20,
          },
        ])
        .png()
        .toBuffer(),
    );
    const digit = await readDigitImage(file);
    expect(digit).toMatchObject({
      file,
      format: 'png',
      originalWidth: 90,
      originalHeight: 120,
      pages: 1,
      polarity: 'dark-on-light',
      box: { top: 20, left: 40, width: 12, height: 80 },
    });
    expect(digit.pixels).toHaveLength(784);
    expect(Math.max(...digit.pixels)).toBe(255);
  });

  it('names the file in every error', async () => {
    const file = join(root, 'blank.png');
    await writeFile(
      file,
      await sharp({ create: { width: 20, height: 20, channels: 3, background: '#eeeeee' } })
        .png()
        .toBuffer(),
    );
    await expect(readDigitImage(file)).rejects.toThrow(
      new ImageInputError(
        'blank',
        'no ink: nothing stands out of the light paper (a blank or flat image)',
        file,
      ),
    );
    await expect(readDigitImage(join(root, 'none.png'))).rejects.toThrow(
      `${join(root, 'none.png')}: no such file`,
    );
    await expect(readDigitImage(root)).rejects.toThrow(`${root}: a directory, not an image file`);
  });
});

describe('digitFeatures', () => {
  it("stacks the pixels and applies the model's preprocessing, as the IDX path does", () => {
    const a = Uint8Array.from({ length: 4 }, (_, i) => i * 60);
    const b = Uint8Array.from({ length: 4 }, (_, i) => 255 - i);
    const steps = [scaleStep()];
    const raw = new Uint8Array([...a, ...b]);
    expect(digitFeatures([{ pixels: a }, { pixels: b }], 4, steps)).toEqual(
      applyPreprocessing(raw, 4, steps),
    );
    expect(() => digitFeatures([{ pixels: a }], 5, steps)).toThrow(
      /expected 5 pixels per digit .*found 4 in digit 0/,
    );
  });
});
