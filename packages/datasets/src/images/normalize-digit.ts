import { type Box, crop, growBox, inkBoundingBox } from './bounding-box.js';
import { centerOfMass } from './center-of-mass.js';
import { ImageInputError } from './image-errors.js';
import { type InkLevels, inkLevels, removePaperNoise } from './paper-noise.js';
import { placeRaster } from './place-raster.js';
import { detectPolarity, inkOf, type Polarity } from './polarity.js';
import type { Raster } from './raster.js';
import { resample } from './resample.js';

/** MNIST's field: 28×28 pixels, the digit fitted into its central 20×20. */
export const MNIST_FIELD = 28;
export const MNIST_BOX = 20;

/** How to normalize a digit image. */
export interface NormalizeDigitOptions {
  /** [height, width] of the result (the model's image shape); default [28, 28]. */
  readonly shape?: readonly [number, number];
  /** Ink on paper as in the image; default 'auto': read from the border. */
  readonly polarity?: Polarity | 'auto';
  /** Ink level (0–255, after polarity) at or below which a pixel is paper; default from the border's noise. */
  readonly threshold?: number;
}

/** A digit as MNIST prepared its own, and what was decided on the way. */
export interface NormalizedDigit {
  /** `height × width` 8-bit ink values (0 paper … 255 ink), row-major, like one IDX image. */
  readonly pixels: Uint8Array;
  readonly shape: readonly [number, number];
  readonly polarity: Polarity;
  /** Whether the polarity was read from the border (not given). */
  readonly polarityDetected: boolean;
  readonly levels: InkLevels;
  /** The ink's bounding box in the input image. */
  readonly box: Box;
}

/**
 * A grey image (0 black … 255 white) of one digit normalized as MNIST's were (LeCun et al.): ink
 * made light on dark, paper noise removed, the ink's bounding box (the certain strokes' box grown
 * to the faint edges touching it) scaled to fit 20×20 with its aspect kept (anti-aliased), then
 * placed in a 28×28 field so that its centre of mass is at the field's centre. Another field size scales the box by the same 20/28. Throws an ImageInputError
 * (reason 'blank') when no ink stands out of the paper.
 */
export function normalizeDigit(grey: Raster, options: NormalizeDigitOptions = {}): NormalizedDigit {
  const [height, width] = options.shape ?? [MNIST_FIELD, MNIST_FIELD];
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new RangeError(
      `normalizeDigit: expected a positive integer shape, found ${height}×${width}`,
    );
  }
  const detected = options.polarity === undefined || options.polarity === 'auto';
  const polarity = detected ? detectPolarity(grey) : (options.polarity as Polarity);
  const ink = inkOf(grey, polarity);
  const levels = inkLevels(ink, options.threshold);
  const strokes = levels && inkBoundingBox(ink, levels.stroke);
  if (!levels || !strokes) {
    throw new ImageInputError(
      'blank',
      `no ink: nothing stands out of the ${polarity === 'dark-on-light' ? 'light' : 'dark'} paper (a blank or flat image)`,
    );
  }
  const box = growBox(ink, strokes, levels.threshold);
  const clean = removePaperNoise(crop(ink, box), levels);
  const fitHeight = Math.max(1, Math.round((height * MNIST_BOX) / MNIST_FIELD));
  const fitWidth = Math.max(1, Math.round((width * MNIST_BOX) / MNIST_FIELD));
  const factor = Math.min(fitWidth / box.width, fitHeight / box.height);
  const scaled = resample(
    clean,
    Math.min(fitWidth, Math.max(1, Math.round(box.width * factor))),
    Math.min(fitHeight, Math.max(1, Math.round(box.height * factor))),
  );
  const field = centred(scaled, width, height);
  const pixels = Uint8Array.from(field.values, (v) => Math.round(Math.min(255, Math.max(0, v))));
  return { pixels, shape: [height, width], polarity, polarityDetected: detected, levels, box };
}

/**
 * `digit` placed in a `width × height` field with its centre of mass on the field's centre
 * (pixel (h/2, w/2), where MNIST's centres of mass sit), by whole pixels, kept inside the field.
 */
function centred(digit: Raster, width: number, height: number): Raster {
  const mass = centerOfMass(digit) ?? { row: (digit.height - 1) / 2, col: (digit.width - 1) / 2 };
  const top = clamp(Math.round(height / 2 - mass.row), 0, height - digit.height);
  const left = clamp(Math.round(width / 2 - mass.col), 0, width - digit.width);
  return placeRaster(digit, width, height, top, left);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
