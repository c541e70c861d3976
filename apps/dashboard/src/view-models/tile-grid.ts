import type { ImageShape } from './downscale.js';

/** Cells a panel has for its tiles. */
export interface TileRoom {
  readonly columns: number;
  readonly rows: number;
}

/** How a panel lays out its tiles: the picture size, tiles per row, and how many are shown. */
export interface Tiling {
  /** Pixels of each picture after downscaling; its width is the tile's width in cells. */
  readonly shape: ImageShape;
  /** Lines of each picture (two pixel rows a line); a caption line comes under it. */
  readonly pictureRows: number;
  readonly perRow: number;
  /** Rows of tiles used. */
  readonly gridRows: number;
  readonly shown: number;
}

/**
 * Picture sizes tried, largest first: the image as it is (28×28 → 28 columns × 14 lines), half
 * (14×7) and a third (10×5) for small terminals.
 */
export const TILE_DIVISORS = [1, 2, 3] as const;

/**
 * The largest tiles that show `wanted` of `count` images (all, by default) in `room`, a column
 * between tiles and a caption under each; when even the smallest show fewer, as many of those as
 * fit. Undefined when not one fits.
 */
export function chooseTiling(
  room: TileRoom,
  [height, width]: ImageShape,
  count: number,
  wanted: number = count,
): Tiling | undefined {
  const target = Math.max(1, Math.min(count, wanted));
  let best: Tiling | undefined;
  for (const divisor of TILE_DIVISORS) {
    const shape: ImageShape = [Math.ceil(height / divisor), Math.ceil(width / divisor)];
    const pictureRows = Math.ceil(shape[0] / 2);
    const perRow = Math.floor((room.columns + 1) / (shape[1] + 1));
    const fitRows = Math.floor(room.rows / (pictureRows + 1));
    const capacity = perRow * fitRows;
    if (capacity === 0) continue;
    const shown = Math.min(count, capacity);
    const tiling = { shape, pictureRows, perRow, gridRows: Math.ceil(shown / perRow), shown };
    if (capacity >= target) return tiling;
    if (!best || capacity > best.perRow * best.gridRows) best = tiling;
  }
  return best;
}

/** One tile: its picture's lines and its caption. */
export interface Tile {
  readonly lines: readonly string[];
  readonly caption: string;
}

/**
 * The lines of a grid of tiles, `perRow` to a row, one blank column between tiles: each row of
 * tiles is its pictures' lines side by side, then their captions, each padded to `tileWidth`.
 */
export function tileGridLines(tiles: readonly Tile[], perRow: number, tileWidth: number): string[] {
  const lines: string[] = [];
  for (let start = 0; start < tiles.length; start += perRow) {
    const row = tiles.slice(start, start + perRow);
    const height = Math.max(...row.map((t) => t.lines.length));
    for (let i = 0; i < height; i++)
      lines.push(row.map((t) => t.lines[i] ?? ' '.repeat(tileWidth)).join(' '));
    lines.push(
      row
        .map((t) => t.caption.padEnd(tileWidth))
        .join(' ')
        .trimEnd(),
    );
  }
  return lines;
}
