import type { Raster } from './raster.js';

/** A rectangle of pixels: its top-left corner and size. */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

/** The smallest box holding every value above `threshold` (default 0), or undefined when there is none. */
export function inkBoundingBox({ width, height, values }: Raster, threshold = 0): Box | undefined {
  let top = height;
  let bottom = -1;
  let left = width;
  let right = -1;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      if ((values[row * width + col] as number) > threshold) {
        if (row < top) top = row;
        bottom = row;
        if (col < left) left = col;
        if (col > right) right = col;
      }
    }
  }
  if (bottom < 0) return undefined;
  return { top, left, width: right - left + 1, height: bottom - top + 1 };
}

/** The part of `image` inside `box` (which must lie within it), as a raster of its own. */
export function crop(image: Raster, box: Box): Raster {
  if (
    box.top < 0 ||
    box.left < 0 ||
    box.width < 1 ||
    box.height < 1 ||
    box.top + box.height > image.height ||
    box.left + box.width > image.width
  ) {
    throw new RangeError(
      `crop: expected a box inside the ${image.width}×${image.height} image, found ${box.width}×${box.height} at (${box.left}, ${box.top})`,
    );
  }
  const values = new Float32Array(box.width * box.height);
  for (let row = 0; row < box.height; row++) {
    const start = (box.top + row) * image.width + box.left;
    values.set(image.values.subarray(start, start + box.width), row * box.width);
  }
  return { width: box.width, height: box.height, values };
}

/**
 * `box` grown, one row or column at a time, while the line just outside it (one pixel wider at
 * each end, so diagonal strokes count) holds a value above `threshold`: from the certain strokes
 * out to the faint anti-aliased edges that touch them, but not across clean paper to a smudge or a
 * frame elsewhere in the image.
 */
export function growBox(image: Raster, box: Box, threshold: number): Box {
  let top = box.top;
  let left = box.left;
  let bottom = box.top + box.height - 1;
  let right = box.left + box.width - 1;
  const { width, height, values } = image;
  const rowHasInk = (row: number): boolean => {
    for (let col = Math.max(0, left - 1); col <= Math.min(width - 1, right + 1); col++) {
      if ((values[row * width + col] as number) > threshold) return true;
    }
    return false;
  };
  const colHasInk = (col: number): boolean => {
    for (let row = Math.max(0, top - 1); row <= Math.min(height - 1, bottom + 1); row++) {
      if ((values[row * width + col] as number) > threshold) return true;
    }
    return false;
  };
  // Every step out adds one to the box's height or width: it grew while their sum rises.
  let span: number;
  do {
    span = bottom - top + (right - left);
    if (top > 0 && rowHasInk(top - 1)) top--;
    if (bottom < height - 1 && rowHasInk(bottom + 1)) bottom++;
    if (left > 0 && colHasInk(left - 1)) left--;
    if (right < width - 1 && colHasInk(right + 1)) right++;
  } while (bottom - top + (right - left) > span);
  return { top, left, width: right - left + 1, height: bottom - top + 1 };
}
