/** [height, width] of an image. */
export type ImageShape = readonly [number, number];

/**
 * An image shrunk to `to` by area averaging: each output pixel is the mean of the input pixels it
 * covers, partly covered ones weighted by the part (28 → 10 takes 2.8 input pixels per output
 * pixel). A target no smaller than the image returns a copy; images are never enlarged.
 */
export function downscale(
  values: ArrayLike<number>,
  [height, width]: ImageShape,
  [toHeight, toWidth]: ImageShape,
): Float32Array {
  if (values.length !== height * width) {
    throw new RangeError(
      `downscale: expected ${height}×${width} = ${height * width} values, found ${values.length}`,
    );
  }
  const outHeight = Math.max(1, Math.min(height, toHeight));
  const outWidth = Math.max(1, Math.min(width, toWidth));
  const rows = coverage(height, outHeight);
  const columns = coverage(width, outWidth);
  const out = new Float32Array(outHeight * outWidth);
  for (let i = 0; i < outHeight; i++) {
    for (let j = 0; j < outWidth; j++) {
      let sum = 0;
      let weight = 0;
      for (const [r, wr] of rows[i] as Cover) {
        for (const [c, wc] of columns[j] as Cover) {
          sum += wr * wc * (values[r * width + c] as number);
          weight += wr * wc;
        }
      }
      out[i * outWidth + j] = sum / weight;
    }
  }
  return out;
}

/** Input indices an output index covers, with the covered part of each. */
type Cover = readonly (readonly [number, number])[];

function coverage(size: number, outSize: number): Cover[] {
  const scale = size / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    const start = o * scale;
    const end = (o + 1) * scale;
    const cover: [number, number][] = [];
    for (let i = Math.floor(start); i < Math.min(size, Math.ceil(end)); i++) {
      const part = Math.min(end, i + 1) - Math.max(start, i);
      if (part > 1e-9) cover.push([i, part]);
    }
    return cover;
  });
}
