import { borderRing } from './border-ring.js';
import type { Raster } from './raster.js';
import { median } from './robust-statistics.js';

/**
 * How ink and paper differ: dark ink on light paper (a drawing, a scan), or light ink on dark
 * paper (MNIST itself, chalk on a board).
 */
export type Polarity = 'dark-on-light' | 'light-on-dark';

/** The polarities, for option parsing. */
export const POLARITIES: readonly Polarity[] = ['dark-on-light', 'light-on-dark'];

/**
 * The polarity of a grey image (0 black … 255 white), read from its border: the paper shows there
 * and the digit mostly does not, so a light border means dark ink.
 */
export function detectPolarity(grey: Raster): Polarity {
  return median(borderRing(grey)) > 127.5 ? 'dark-on-light' : 'light-on-dark';
}

/** Ink of a grey image as MNIST has it: 0 where the paper is, up to 255 in the strokes. */
export function inkOf(grey: Raster, polarity: Polarity): Raster {
  const values = Float32Array.from(grey.values);
  if (polarity === 'dark-on-light')
    for (let i = 0; i < values.length; i++) values[i] = 255 - (values[i] as number);
  return { width: grey.width, height: grey.height, values };
}
