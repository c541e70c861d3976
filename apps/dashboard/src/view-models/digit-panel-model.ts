import type { ImageScale } from '@digitlab/core';
import type { ColourDepth } from './colour-depth.js';
import { downscale, type ImageShape } from './downscale.js';
import { formatValue } from './format-number.js';
import { DIVERGING_RAMP, GREY_RAMP, halfBlockLines } from './half-block.js';
import { domainPosition, type ImageDomain } from './image-colour.js';
import { chooseTiling, type Tile, type TileRoom, tileGridLines } from './tile-grid.js';

/** What a digit panel shows: a title, a legend, and either tiles or a message instead of them. */
export interface DigitPanelModel {
  readonly title: string;
  /** How colours (or characters) map to values; '' with a message. */
  readonly legend: string;
  /** Picture and caption lines; pictures carry their own colour codes. */
  readonly lines: readonly string[];
  /** Why there are no tiles (waiting, nothing to show, too small). */
  readonly message?: string;
}

/** Images to lay out as tiles, with what is shared by all of them. */
export interface TileSource {
  readonly scale: ImageScale;
  readonly shape: ImageShape;
  readonly domain: ImageDomain;
  readonly images: readonly {
    readonly values: ArrayLike<number>;
    /** The caption for a tile `width` cells wide. */
    readonly caption: (width: number) => string;
  }[];
}

/** The laid-out tiles of `source` in `room`, or undefined when none fits. */
export function tileLines(
  source: TileSource,
  room: TileRoom,
  depth: ColourDepth,
  wanted?: number,
): { lines: string[]; shown: number } | undefined {
  const tiling = chooseTiling(room, source.shape, source.images.length, wanted);
  if (!tiling) return undefined;
  const [, width] = tiling.shape;
  const tiles: Tile[] = source.images.slice(0, tiling.shown).map((image) => {
    const small = downscale(image.values, source.shape, tiling.shape);
    const positions = small.map((v) => domainPosition(source.domain, v));
    return {
      lines: halfBlockLines(positions, tiling.shape, source.scale, depth),
      caption: image.caption(width),
    };
  });
  return { lines: tileGridLines(tiles, tiling.perRow, width), shown: tiling.shown };
}

/** How the colours (or ramp characters) of a set map to its values, in a few words. */
export function legendText(scale: ImageScale, [lo, hi]: ImageDomain, depth: ColourDepth): string {
  const low = formatValue(lo, 2);
  const high = formatValue(hi, 2);
  if (depth === 'none') {
    return scale === 'diverging'
      ? `'${DIVERGING_RAMP[0]}' ${low} … ' ' 0 … '${DIVERGING_RAMP.at(-1)}' ${high}`
      : `'${GREY_RAMP[0]}' ${low} … '${GREY_RAMP.at(-1)}' ${high}`;
  }
  return scale === 'diverging' ? `red −, blue +, limits ±${high}` : `white ${low} → black ${high}`;
}
