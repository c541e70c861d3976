import type { Raster } from './raster.js';

/** The source pixels one output pixel averages along an axis, from `start`, with their weights. */
interface Taps {
  readonly start: number;
  readonly weights: Float64Array;
}

/**
 * Per output pixel of an axis resized from `from` to `to` pixels. Shrinking, each output pixel is
 * the area average of the source pixels it covers (each weighted by how much of it lies inside):
 * anti-aliased, and exact for whole factors (a 3× enlarged digit shrinks back to itself).
 * Enlarging, it is linear interpolation between the nearest two source pixel centres (a tent
 * filter). At the same size it is the identity; weights sum to 1, so a flat image stays flat.
 */
function axisTaps(from: number, to: number): Taps[] {
  const ratio = from / to;
  return Array.from({ length: to }, (_, j) =>
    ratio > 1 ? areaTaps(j, ratio, from) : tentTaps(j, ratio, from),
  );
}

/** Output pixel j covers source [j·ratio, (j+1)·ratio). */
function areaTaps(j: number, ratio: number, from: number): Taps {
  const lo = j * ratio;
  // The last pixel's end is `from` exactly, whatever rounding `to · ratio` suffers.
  const hi = Math.min(from, (j + 1) * ratio);
  const start = Math.floor(lo);
  const end = Math.ceil(hi) - 1;
  const weights = new Float64Array(end - start + 1);
  for (let i = start; i <= end; i++) {
    weights[i - start] = (Math.min(hi, i + 1) - Math.max(lo, i)) / ratio;
  }
  return { start, weights };
}

/** Output pixel j's centre sits at (j + 0.5)·ratio − 0.5 in source pixel centres; clamped at the edges. */
function tentTaps(j: number, ratio: number, from: number): Taps {
  const centre = Math.min(from - 1, Math.max(0, (j + 0.5) * ratio - 0.5));
  const start = Math.min(Math.floor(centre), Math.max(0, from - 2));
  const t = centre - start;
  return from === 1 || t === 0
    ? { start: Math.floor(centre), weights: Float64Array.of(1) }
    : { start, weights: Float64Array.of(1 - t, t) };
}

/** `image` resized to `width × height`, one axis at a time: area averages shrinking, linear enlarging. */
export function resample(image: Raster, width: number, height: number): Raster {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`resample: expected a positive integer size, found ${width}×${height}`);
  }
  const across = axisTaps(image.width, width);
  const down = axisTaps(image.height, height);
  const wide = new Float64Array(image.height * width);
  for (let row = 0; row < image.height; row++) {
    const base = row * image.width;
    for (let col = 0; col < width; col++) {
      const { start, weights } = across[col] as Taps;
      let v = 0;
      for (let k = 0; k < weights.length; k++) {
        v += (weights[k] as number) * (image.values[base + start + k] as number);
      }
      wide[row * width + col] = v;
    }
  }
  const values = new Float32Array(width * height);
  for (let row = 0; row < height; row++) {
    const { start, weights } = down[row] as Taps;
    for (let col = 0; col < width; col++) {
      let v = 0;
      for (let k = 0; k < weights.length; k++) {
        v += (weights[k] as number) * (wide[(start + k) * width + col] as number);
      }
      values[row * width + col] = v;
    }
  }
  return { width, height, values };
}
