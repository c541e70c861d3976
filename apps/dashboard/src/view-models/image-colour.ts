import type { ImageScale } from '@digitlab/core';
import { rampColour } from './heatmap-colour.js';

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/**
 * Vega's 'redBlue' scheme, the one the figures package draws weights with (ColorBrewer RdBu,
 * red for the low end), as its eleven stops; vega interpolates them linearly in RGB, as we do.
 */
export const RED_BLUE: readonly string[] = [
  '#8c0d25',
  '#bf363a',
  '#df745e',
  '#f4ae91',
  '#fbdbc9',
  '#f2efee',
  '#d2e5ef',
  '#9dcae1',
  '#5da2cb',
  '#2f78b3',
  '#134b85',
];

/** The value range an image set is drawn on, shared by all its images. */
export type ImageDomain = readonly [number, number];

/**
 * The domain of an image set, as the figures package takes it: symmetric around 0 for a diverging
 * set (±the largest magnitude, so a value and its negation get mirrored colours), the smallest to
 * the largest value for a sequential one. Non-finite values are skipped; a flat set gets a unit
 * range rather than none.
 */
export function imageDomain(scale: ImageScale, images: Iterable<ArrayLike<number>>): ImageDomain {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const values of images) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return scale === 'diverging' ? [-1, 1] : [0, 1];
  if (scale === 'diverging') {
    const limit = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return [-limit, limit];
  }
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/** Where `value` sits in `domain`, from 0 to 1 (clamped; a non-finite value counts as 0). */
export function domainPosition([lo, hi]: ImageDomain, value: number): number {
  const v = Number.isFinite(value) ? value : 0;
  return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
}

// An odd count, so 0.5 (a diverging set's 0) is a level of its own: the scheme's neutral colour.
const LEVELS = 257;
const tables = new Map<ImageScale, readonly Rgb[]>();

/**
 * The colour at position `t` in [0, 1] of a set's colour map: red through near-white to blue for
 * diverging, white paper to black ink for sequential (as the figures package draws them). Read
 * from a table of 257 levels, so a frame of thousands of pixels costs no interpolation.
 */
export function imageColour(scale: ImageScale, t: number): Rgb {
  let table = tables.get(scale);
  if (!table) {
    table = Array.from({ length: LEVELS }, (_, i) => colourAt(scale, i / (LEVELS - 1)));
    tables.set(scale, table);
  }
  const position = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  return table[Math.round(position * (LEVELS - 1))] as Rgb;
}

function colourAt(scale: ImageScale, t: number): Rgb {
  if (scale === 'sequential') {
    const level = Math.round(255 * (1 - t));
    return [level, level, level];
  }
  const hex = rampColour(RED_BLUE, t);
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
}
