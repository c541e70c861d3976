import { borderRing } from './border-ring.js';
import type { Raster } from './raster.js';
import { median, robustSpread } from './robust-statistics.js';

/** Paper noise is what lies within this many standard deviations of the paper's level… */
export const NOISE_SIGMAS = 4;
/** …or within this share of the paper-to-peak contrast, whichever is larger. */
export const MIN_CONTRAST_SHARE = 0.04;
/** The noise threshold never rises above this share of the contrast, so noisy paper keeps its strokes. */
export const MAX_CONTRAST_SHARE = 0.35;
/** Strokes for certain: at least this share of the way from the paper to the peak. */
export const STROKE_CONTRAST_SHARE = 0.5;
/** Below this many grey levels between paper and the darkest ink, there is no ink to speak of. */
export const MIN_INK_CONTRAST = 24;
/** Statistics over the whole image read at most about this many pixels (evenly spaced). */
const SAMPLE_SIZE = 1 << 16;

/** The levels (in ink units: 0 = none … 255) that separate paper from ink in one image. */
export interface InkLevels {
  /** The paper's level. */
  readonly paper: number;
  /** Values at or below it are paper noise and become 0. */
  readonly threshold: number;
  /** Values above it are surely strokes: where the digit's bounding box starts from. */
  readonly stroke: number;
  /** The strongest ink, which becomes 255. */
  readonly peak: number;
}

/**
 * The levels of an ink image (0 = paper … 255 = ink). The paper and its noise are read twice, from
 * the border ring and from the whole image, and the lower reading of each is kept: the ring is
 * paper even when thick strokes cover most of the image, the whole image is mostly paper even when
 * a grey frame runs round its edge. `threshold` (same units) overrides the noise threshold.
 * Undefined when there is no ink: nothing stands out of the paper by MIN_INK_CONTRAST (or above
 * the given threshold).
 */
export function inkLevels(ink: Raster, threshold?: number): InkLevels | undefined {
  const ring = borderRing(ink);
  const sample = evenSample(ink.values);
  const paper = Math.min(median(ring), median(sample));
  let peak = Number.NEGATIVE_INFINITY;
  for (const v of ink.values) if (v > peak) peak = v;
  const contrast = peak - paper;
  const stroke = paper + STROKE_CONTRAST_SHARE * contrast;
  if (threshold !== undefined) {
    if (!(peak > threshold)) return undefined;
    return {
      paper: Math.min(paper, threshold),
      threshold,
      stroke: Math.max(stroke, threshold),
      peak,
    };
  }
  if (!(contrast >= MIN_INK_CONTRAST)) return undefined;
  const spread = Math.min(robustSpread(ring), robustSpread(sample));
  const noise = Math.max(NOISE_SIGMAS * spread, MIN_CONTRAST_SHARE * contrast);
  return { paper, threshold: paper + Math.min(noise, MAX_CONTRAST_SHARE * contrast), stroke, peak };
}

/**
 * Paper noise removed and contrast stretched: values at or below the threshold become 0, the rest
 * are measured from the paper level and scaled so that the peak is 255 (a pencil stroke as strong
 * as MNIST's pen). An image on clean black paper whose peak is 255 comes out unchanged.
 */
export function removePaperNoise(ink: Raster, { paper, threshold, peak }: InkLevels): Raster {
  const gain = 255 / Math.max(peak - paper, Number.EPSILON);
  const values = new Float32Array(ink.values.length);
  for (let i = 0; i < values.length; i++) {
    const v = ink.values[i] as number;
    values[i] = v > threshold ? Math.min(255, Math.max(0, (v - paper) * gain)) : 0;
  }
  return { width: ink.width, height: ink.height, values };
}

function evenSample(values: Float32Array): Float32Array {
  if (values.length <= SAMPLE_SIZE) return values;
  const step = values.length / SAMPLE_SIZE;
  return Float32Array.from(
    { length: SAMPLE_SIZE },
    (_, i) => values[Math.floor(i * step)] as number,
  );
}
