import type { ClassProbability } from '../cli/predictions.js';
import type { ColourDepth } from './colour-depth.js';
import { halfBlockLines } from './half-block.js';
import { progressBar } from './progress-bar.js';

/** Cells of each probability bar beside the picture. */
export const PREVIEW_BAR_WIDTH = 20;

/**
 * `predict --show`: a normalized digit (8-bit ink, `height × width`) drawn in half blocks on the
 * dashboard's grey scale (white paper, black ink), two pixel rows a line, with the top classes
 * beside it (class, probability, bar), centred on the picture's height.
 */
export function digitPreviewLines(
  pixels: Uint8Array,
  [height, width]: readonly [number, number],
  top: readonly ClassProbability[],
  depth: ColourDepth,
): string[] {
  const picture = halfBlockLines(
    Float32Array.from(pixels, (v) => v / 255),
    [height, width],
    'sequential',
    depth,
  );
  const nameWidth = Math.max(1, ...top.map((c) => c.class.length));
  const side = top.map(
    (c) =>
      `${c.class.padStart(nameWidth)}  ${c.probability.toFixed(3)} ${progressBar(c.probability, PREVIEW_BAR_WIDTH)}`,
  );
  const first = Math.max(0, Math.floor((picture.length - side.length) / 2));
  const lines = picture.map((line, i) => {
    const text = side[i - first];
    return text === undefined ? line : `${line}   ${text}`;
  });
  // A picture shorter than the list (a tiny image shape) still shows every class.
  for (let i = picture.length - first; i < side.length; i++) {
    lines.push(`${' '.repeat(width)}   ${side[i]}`);
  }
  return lines;
}
