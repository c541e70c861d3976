import type { ImageScale } from '@digitlab/core';
import type { ColourDepth } from './colour-depth.js';
import type { ImageShape } from './downscale.js';
import { imageColour, type Rgb } from './image-colour.js';
import { nearestXtermColour } from './xterm-palette.js';

/** U+2580: the top half of a cell in the foreground colour, the bottom half in the background. */
export const UPPER_HALF_BLOCK = '▀';

/** Characters from no ink to full ink, for terminals without colour. */
export const GREY_RAMP = ' .:-=+*#%@';

/**
 * The diverging counterpart, from the most negative value to the most positive: blank at 0 (a
 * grey ramp would fill the background of every weight image with its middle character), '.' to
 * '=' below, ':' to '@' above. Weights are mostly small next to their largest, so the blank is
 * one slot of eleven: a wider one leaves a trained model's images nearly empty.
 */
export const DIVERGING_RAMP = '==--. :+*#@';

const ESC = '\u001b[';
/** Default foreground and background, so what follows a picture is not painted. */
const RESET_COLOURS = `${ESC}39;49m`;

/**
 * A picture as terminal lines, two pixel rows per line. `positions` are height × width values in
 * [0, 1] on `scale`'s colour map. With colour each cell is '▀' with the top pixel's colour in front
 * and the bottom pixel's behind (24-bit codes, or the nearest xterm-256 colour); without, one
 * ramp character (grey, or signed for a diverging set) for the mean of the two pixels. An odd last row has only a top half.
 */
export function halfBlockLines(
  positions: ArrayLike<number>,
  [height, width]: ImageShape,
  scale: ImageScale,
  depth: ColourDepth,
): string[] {
  const lines: string[] = [];
  for (let row = 0; row < height; row += 2) {
    const top = (c: number) => positions[row * width + c] as number;
    const bottom = (c: number) =>
      row + 1 < height ? (positions[(row + 1) * width + c] as number) : undefined;
    if (depth === 'none') {
      let line = '';
      for (let c = 0; c < width; c++) line += rampCharacter(meanOf(top(c), bottom(c)), scale);
      lines.push(line);
      continue;
    }
    let line = '';
    let previous = '';
    for (let c = 0; c < width; c++) {
      const b = bottom(c);
      const code = [
        colourCode(imageColour(scale, top(c)), depth, 38),
        b === undefined ? '49' : colourCode(imageColour(scale, b), depth, 48),
      ].join(';');
      // Neighbours of one colour share one escape: flat regions cost a character each.
      if (code !== previous) line += `${ESC}${code}m`;
      previous = code;
      line += UPPER_HALF_BLOCK;
    }
    lines.push(line + RESET_COLOURS);
  }
  return lines;
}

/** The ramp character for a position in [0, 1] of `scale`'s map: '@' at the top of either ramp. */
export function rampCharacter(t: number, scale: ImageScale): string {
  const ramp = scale === 'diverging' ? DIVERGING_RAMP : GREY_RAMP;
  const position = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  return ramp[Math.round(position * (ramp.length - 1))] as string;
}

/** The SGR parameters of a foreground (38) or background (48) colour at `depth`. */
function colourCode([r, g, b]: Rgb, depth: Exclude<ColourDepth, 'none'>, layer: 38 | 48): string {
  return depth === 'truecolor'
    ? `${layer};2;${r};${g};${b}`
    : `${layer};5;${nearestXtermColour([r, g, b])}`;
}

function meanOf(top: number, bottom: number | undefined): number {
  return bottom === undefined ? top : (top + bottom) / 2;
}
