import type { Rgb } from './image-colour.js';

/** The channel levels of the xterm 6×6×6 colour cube (palette indices 16–231). */
const CUBE_LEVELS = [0, 95, 135, 175, 215, 255] as const;

/**
 * The xterm-256 palette index nearest to `rgb` by squared distance, among the 6×6×6 cube and the
 * 24-step grey ramp (232–255: 8, 18, …, 238). The 16 system colours are left out: themes redefine
 * them. Exact without a search: the cube's distance is a sum over channels, so its nearest colour
 * takes each channel's nearest level; the nearest grey is the ramp step nearest the channels' mean.
 */
export function nearestXtermColour([r, g, b]: Rgb): number {
  const [ri, gi, bi] = [nearestLevel(r), nearestLevel(g), nearestLevel(b)];
  const cube: Rgb = [CUBE_LEVELS[ri], CUBE_LEVELS[gi], CUBE_LEVELS[bi]] as Rgb;
  const step = Math.max(0, Math.min(23, Math.round(((r + g + b) / 3 - 8) / 10)));
  const grey = 8 + 10 * step;
  const cubeIndex = 16 + 36 * ri + 6 * gi + bi;
  return distance([r, g, b], [grey, grey, grey]) < distance([r, g, b], cube)
    ? 232 + step
    : cubeIndex;
}

/** The RGB colour of an xterm palette index from 16 to 255. */
export function xtermColour(index: number): Rgb {
  if (index >= 232) {
    const level = 8 + 10 * (index - 232);
    return [level, level, level];
  }
  const i = index - 16;
  return [
    CUBE_LEVELS[Math.floor(i / 36)] as number,
    CUBE_LEVELS[Math.floor(i / 6) % 6] as number,
    CUBE_LEVELS[i % 6] as number,
  ];
}

function nearestLevel(channel: number): number {
  let best = 0;
  for (let i = 1; i < CUBE_LEVELS.length; i++) {
    if (Math.abs(channel - CUBE_LEVELS[i]!) < Math.abs(channel - CUBE_LEVELS[best]!)) best = i;
  }
  return best;
}

function distance(a: Rgb, b: Rgb): number {
  return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
}
