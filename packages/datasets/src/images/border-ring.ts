import type { Raster } from './raster.js';

/** Share of the shorter side that the border ring spans (at least one pixel). */
export const BORDER_RING_SHARE = 0.02;

/** How many pixels thick the ring of `image` is: 2% of the shorter side, at least 1. */
export function borderRingThickness({ width, height }: Pick<Raster, 'width' | 'height'>): number {
  return Math.max(1, Math.round(BORDER_RING_SHARE * Math.min(width, height)));
}

/**
 * The values of the outer ring of `image`, `thickness` pixels deep: where the paper shows in a
 * photo or drawing of one digit, so its grey level and noise can be read there.
 */
export function borderRing(image: Raster, thickness = borderRingThickness(image)): Float32Array {
  const { width, height, values } = image;
  const t = Math.min(thickness, Math.ceil(width / 2), Math.ceil(height / 2));
  const out: number[] = [];
  for (let row = 0; row < height; row++) {
    const edgeRow = row < t || row >= height - t;
    for (let col = 0; col < width; col++) {
      if (edgeRow || col < t || col >= width - t) out.push(values[row * width + col] as number);
    }
  }
  return Float32Array.from(out);
}
