import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { DECODE_MAX_SIDE, decodeImage, MAX_IMAGE_PIXELS } from './decode-image.js';
import { ImageInputError } from './image-errors.js';

const digitSheet = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#ffffff' } }).composite([
    {
      input: { create: { width: 6, height: 20, channels: 3, background: '#000000' } },
      left: 17,
      top: 5,
    },
  ]);

async function problemOf(bytes: Uint8Array, maxPixels?: number) {
  try {
    await decodeImage(bytes, maxPixels === undefined ? {} : { maxPixels });
  } catch (error) {
    expect(error).toBeInstanceOf(ImageInputError);
    return { problem: (error as ImageInputError).problem, message: (error as Error).message };
  }
  throw new Error('expected decodeImage to fail');
}

describe('decodeImage', () => {
  it.each([
    ['png', (s: Sharp) => s.png()],
    ['jpeg', (s: Sharp) => s.jpeg({ quality: 90 })],
    ['webp', (s: Sharp) => s.webp({ lossless: true })],
    ['gif', (s: Sharp) => s.gif()],
  ] as const)('decodes %s into 8-bit pixels of its size', async (format, encode) => {
    const bytes = await encode(digitSheet()).toBuffer();
    const image = await decodeImage(bytes);
    expect(image).toMatchObject({ format, width: 40, height: 30, pages: 1 });
    expect(image.data).toHaveLength(40 * 30 * image.channels);
    // The stroke is dark and the paper light, whatever the codec did to them.
    const at = (row: number, col: number) =>
      image.data[(row * 40 + col) * image.channels] as number;
    expect(at(15, 20)).toBeLessThan(40);
    expect(at(2, 2)).toBeGreaterThan(215);
  });

  it('reads the first frame of an animated GIF and counts the frames', async () => {
    const white = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const black = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    // Alternating, so the encoder has no equal neighbouring frames to merge.
    const gif = await sharp([white, black, white], { join: { animated: true } })
      .gif()
      .toBuffer();
    const image = await decodeImage(gif);
    expect(image).toMatchObject({ format: 'gif', width: 8, height: 8, pages: 3 });
    expect(image.data[0]).toBe(255);
  });

  it('shrinks a very large image while decoding, keeping its aspect', async () => {
    const wide = await sharp({
      create: { width: DECODE_MAX_SIDE * 2, height: 100, channels: 3, background: '#fff' },
    })
      .png()
      .toBuffer();
    const image = await decodeImage(wide);
    expect(image).toMatchObject({
      width: DECODE_MAX_SIDE,
      height: 50,
      originalWidth: DECODE_MAX_SIDE * 2,
    });
  });

  it('refuses an image over the pixel limit from its header', async () => {
    const bytes = await digitSheet().png().toBuffer();
    expect(await problemOf(bytes, 1199)).toEqual({
      problem: 'too-large',
      message: 'image too large: 40×30 = 1,200 pixels, over the limit of 1,199',
    });
    expect((await decodeImage(bytes, { maxPixels: 1200 })).width).toBe(40);
    expect(MAX_IMAGE_PIXELS).toBe(50_000_000);
  });

  it('says what is wrong with bytes that are not a readable image', async () => {
    const png = await digitSheet().png().toBuffer();
    expect(await problemOf(png.subarray(0, png.length - 40))).toMatchObject({
      problem: 'corrupt',
      message: expect.stringMatching(/^truncated or corrupt PNG image \(.+\)$/),
    });
    expect(await problemOf(new TextEncoder().encode('just text'))).toMatchObject({
      problem: 'not-an-image',
    });
    expect(await problemOf(new Uint8Array(0))).toMatchObject({
      problem: 'not-an-image',
      message: 'not an image: the file is empty',
    });
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>',
    );
    expect(await problemOf(svg)).toMatchObject({
      problem: 'unsupported-format',
      message: 'unsupported image format svg: expected PNG, JPEG, WebP or GIF',
    });
  });
});
