import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';

/** One 28×28 MNIST digit: 8-bit ink, light on dark, row-major. */
export type DigitPixels = Uint8Array;

/** A way to write a digit as an image file: its file name ending and the bytes. */
export interface DigitImageVariant {
  readonly name: string;
  readonly extension: string;
  write(pixels: DigitPixels, random: () => number): Promise<Uint8Array>;
}

const SIDE = 28;

/** A seeded generator in [0, 1) (an LCG: enough to place digits and sprinkle noise). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The digit as a grey image of dark ink on white paper (MNIST inverted). */
function inverted(pixels: DigitPixels): Uint8Array {
  return Uint8Array.from(pixels, (v) => 255 - v);
}

/** Grey pixels `factor`× larger by pixel replication (what an editor's "nearest" scaling makes). */
function enlarged(grey: Uint8Array, factor: number): Uint8Array {
  const side = SIDE * factor;
  const out = new Uint8Array(side * side);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      out[row * side + col] = grey[
        Math.floor(row / factor) * SIDE + Math.floor(col / factor)
      ] as number;
    }
  }
  return out;
}

function greyImage(grey: Uint8Array, side: number): Sharp {
  return sharp(grey, { raw: { width: side, height: side, channels: 1 } });
}

/** The digit as dark ink on white, `factor`× larger by pixel replication, ready to encode. */
function invertedEnlarged(pixels: DigitPixels, factor: number): Sharp {
  return greyImage(enlarged(inverted(pixels), factor), SIDE * factor);
}

/** A square grey image in `channels` channels, each grey level mapped through `colour`. */
function colouredImage(
  grey: Uint8Array,
  side: number,
  channels: 3 | 4,
  colour: (v: number) => readonly number[],
): Sharp {
  const out = new Uint8Array(grey.length * channels);
  grey.forEach((v, i) => {
    out.set(colour(v).slice(0, channels), i * channels);
  });
  return sharp(out, { raw: { width: side, height: side, channels } });
}

/**
 * The ways the agreement test writes each digit, as users' files come: on white paper, enlarged
 * (pixel replication ×3; smooth Lanczos ×7, as a photo would be), off-centre on a large canvas, in
 * colour (RGB, RGBA opaque and on a transparent canvas), JPEG quality 85, WebP, GIF, and with a
 * thin grey frame of noise round grainy paper.
 */
export const DIGIT_IMAGE_VARIANTS: readonly DigitImageVariant[] = [
  {
    name: 'inverted-on-white',
    extension: 'png',
    write: (pixels) => greyImage(inverted(pixels), SIDE).png().toBuffer(),
  },
  {
    name: 'scaled-x3',
    extension: 'png',
    write: (pixels) => invertedEnlarged(pixels, 3).png().toBuffer(),
  },
  {
    name: 'scaled-x7-smooth',
    extension: 'png',
    // Light ink on dark paper, as MNIST itself: the polarity is read from the border.
    write: (pixels) =>
      greyImage(pixels, SIDE)
        .resize(SIDE * 7, SIDE * 7, { kernel: 'lanczos3' })
        .png()
        .toBuffer(),
  },
  {
    name: 'off-centre-canvas',
    extension: 'png',
    write: async (pixels, random) => {
      // Drawn before any await, so the placements do not depend on which image finishes first.
      const left = 10 + Math.floor(random() * (480 - 56 - 20));
      const top = 10 + Math.floor(random() * (320 - 56 - 20));
      const digit = await invertedEnlarged(pixels, 2).png().toBuffer();
      return sharp({ create: { width: 480, height: 320, channels: 3, background: '#ffffff' } })
        .composite([{ input: digit, left, top }])
        .png()
        .toBuffer();
    },
  },
  {
    name: 'rgb',
    extension: 'png',
    // Dark blue ink on cream paper.
    write: (pixels) =>
      colouredImage(enlarged(pixels, 2), SIDE * 2, 3, (v) => [
        250 - v * 0.85,
        245 - v * 0.8,
        225 - v * 0.4,
      ])
        .png()
        .toBuffer(),
  },
  {
    name: 'rgba-opaque',
    extension: 'png',
    write: (pixels) =>
      colouredImage(enlarged(inverted(pixels), 2), SIDE * 2, 4, (v) => [v, v, v, 255])
        .png()
        .toBuffer(),
  },
  {
    name: 'rgba-transparent',
    extension: 'png',
    // A drawing app's export: black strokes whose alpha is the ink, on a transparent canvas.
    write: (pixels) =>
      colouredImage(enlarged(pixels, 3), SIDE * 3, 4, (v) => [0, 0, 0, v])
        .png()
        .toBuffer(),
  },
  {
    name: 'jpeg-q85',
    extension: 'jpg',
    write: (pixels) => invertedEnlarged(pixels, 4).jpeg({ quality: 85 }).toBuffer(),
  },
  {
    name: 'webp',
    extension: 'webp',
    write: (pixels) => invertedEnlarged(pixels, 2).webp({ quality: 90 }).toBuffer(),
  },
  {
    name: 'gif',
    extension: 'gif',
    write: (pixels) => invertedEnlarged(pixels, 2).gif().toBuffer(),
  },
  {
    name: 'noisy-border',
    extension: 'png',
    // Grainy paper (up to 12 levels darker) with a 3-pixel frame of grey noise round the edge.
    write: (pixels, random) => {
      const side = 100;
      const digit = enlarged(inverted(pixels), 2);
      const grey = new Uint8Array(side * side);
      for (let row = 0; row < side; row++) {
        for (let col = 0; col < side; col++) {
          const frame = row < 3 || col < 3 || row >= side - 3 || col >= side - 3;
          const inside = row >= 22 && row < 78 && col >= 22 && col < 78;
          const paper = frame ? 170 + Math.floor(random() * 60) : 255 - Math.floor(random() * 13);
          const ink = inside ? (digit[(row - 22) * 56 + col - 22] as number) : 255;
          grey[row * side + col] = Math.min(paper, ink);
        }
      }
      return greyImage(grey, side).png().toBuffer();
    },
  },
];

/**
 * Writes every digit in every variant into `dir/<variant>/<index>.<ext>` (index zero-padded);
 * resolves with the files per variant, in digit order.
 */
export async function writeDigitImages(
  dir: string,
  digits: readonly DigitPixels[],
  seed = 1,
): Promise<Map<string, string[]>> {
  const random = seededUniform(seed);
  const files = new Map<string, string[]>();
  for (const variant of DIGIT_IMAGE_VARIANTS) {
    const folder = join(dir, variant.name);
    await mkdir(folder, { recursive: true });
    const names = digits.map((_, i) =>
      join(folder, `${String(i).padStart(3, '0')}.${variant.extension}`),
    );
    const bytes = await Promise.all(digits.map((pixels) => variant.write(pixels, random)));
    await Promise.all(names.map((name, i) => writeFile(name, bytes[i] as Uint8Array)));
    files.set(variant.name, names);
  }
  return files;
}
