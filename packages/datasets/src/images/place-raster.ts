import type { Raster } from './raster.js';

/**
 * A `width × height` field of zeros with `image` drawn into it, its top-left pixel at (top, left)
 * (which may be negative or beyond the field: what falls outside is cut off).
 */
export function placeRaster(
  image: Raster,
  width: number,
  height: number,
  top: number,
  left: number,
): Raster {
  if (!Number.isInteger(top) || !Number.isInteger(left)) {
    throw new RangeError(`placeRaster: expected whole-pixel offsets, found (${left}, ${top})`);
  }
  const values = new Float32Array(width * height);
  for (let row = Math.max(0, -top); row < image.height && row + top < height; row++) {
    for (let col = Math.max(0, -left); col < image.width && col + left < width; col++) {
      values[(row + top) * width + col + left] = image.values[row * image.width + col] as number;
    }
  }
  return { width, height, values };
}
