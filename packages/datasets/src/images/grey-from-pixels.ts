import type { Raster } from './raster.js';

/** Rec. 601 luma weights, as JPEG and most greyscale conversions use. */
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * Grey levels (0 black … 255 white) of interleaved 8-bit pixels with 1 (grey), 2 (grey, alpha),
 * 3 (RGB) or 4 (RGBA) channels. Transparent pixels show paper: a drawing app's strokes on a
 * transparent canvas keep their meaning whatever colour the hidden pixels hold, so where alpha
 * varies the image is laid on paper that contrasts with its opaque pixels (white under dark
 * strokes, black under light ones).
 */
export function greyFromPixels(
  data: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
): Raster {
  if (![1, 2, 3, 4].includes(channels)) {
    throw new RangeError(`greyFromPixels: expected 1 to 4 channels, found ${channels}`);
  }
  const n = width * height;
  if (data.length !== n * channels) {
    throw new RangeError(
      `greyFromPixels: expected ${width}×${height}×${channels} = ${n * channels} values, found ${data.length}`,
    );
  }
  const colour = channels >= 3;
  const hasAlpha = channels === 2 || channels === 4;
  const grey = new Float32Array(n);
  const alpha = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = i * channels;
    grey[i] = colour
      ? LUMA[0] * (data[p] as number) +
        LUMA[1] * (data[p + 1] as number) +
        LUMA[2] * (data[p + 2] as number)
      : (data[p] as number);
    alpha[i] = hasAlpha ? (data[p + channels - 1] as number) / 255 : 1;
  }
  if (hasAlpha && alpha.some((a) => a < 1)) {
    let opaque = 0;
    let opaqueGrey = 0;
    for (let i = 0; i < n; i++) {
      opaque += alpha[i] as number;
      opaqueGrey += (alpha[i] as number) * (grey[i] as number);
    }
    const paper = opaque > 0 && opaqueGrey / opaque > 127.5 ? 0 : 255;
    for (let i = 0; i < n; i++) {
      const a = alpha[i] as number;
      grey[i] = a * (grey[i] as number) + (1 - a) * paper;
    }
  }
  return { width, height, values: grey };
}
