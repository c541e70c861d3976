import type { Raster } from './raster.js';

/** A point in pixel coordinates: pixel (row r, col c) has its centre at (r, c). */
export interface Point {
  readonly row: number;
  readonly col: number;
}

/** The ink-weighted mean position of `image`, or undefined when it holds no ink (sum ≤ 0). */
export function centerOfMass({ width, height, values }: Raster): Point | undefined {
  let mass = 0;
  let rows = 0;
  let cols = 0;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const v = values[row * width + col] as number;
      mass += v;
      rows += v * row;
      cols += v * col;
    }
  }
  return mass > 0 ? { row: rows / mass, col: cols / mass } : undefined;
}
