import { scale as vegaScale } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { ColourScale } from './colour-scale.js';
import { figureSpecHead } from './figure-spec.js';
import { textWidth } from './text-width.js';

/** One tile of an image grid: the image as a data URL and the caption under it. */
export interface GridTile {
  readonly url: string;
  readonly caption: string;
}

/** How `imageGridSpec` lays its tiles out. */
export interface ImageGrid {
  readonly title: string;
  readonly subtitle?: string;
  readonly tiles: readonly GridTile[];
  /** Tile size in pixels (an integer multiple of the image's, so pixels stay square and equal). */
  readonly tileWidth: number;
  readonly tileHeight: number;
  /** Tiles per row: exactly `columns`, or up to `maxColumns` as fit in about 1000 pixels. */
  readonly columns: { readonly exactly: number } | { readonly maxColumns: number };
  /** Draws a colour bar for this scale beside the grid; none when absent. */
  readonly colourBar?: { readonly scale: ColourScale };
}

const CAPTION_FONT_SIZE = 11;
const CAPTION_GAP = 4;
const GUTTER = 14;
// Long captions (Fashion-MNIST's class names) widen the cells; rows then hold fewer of them.
const MAX_WIDTH = 1000;

/**
 * A grid of image tiles with captions, each image an `image` mark with crisp pixels in a thin
 * frame, laid out in pixel coordinates (identity scales), with an optional colour bar.
 */
export function imageGridSpec(grid: ImageGrid): TopLevelSpec {
  const { tiles, tileWidth, tileHeight } = grid;
  const widest = Math.max(0, ...tiles.map((t) => textWidth(t.caption, CAPTION_FONT_SIZE)));
  const cellWidth = Math.ceil(Math.max(tileWidth, widest) + GUTTER);
  const columns =
    'exactly' in grid.columns
      ? grid.columns.exactly
      : Math.max(
          1,
          Math.min(grid.columns.maxColumns, Math.floor((MAX_WIDTH + GUTTER) / cellWidth)),
        );
  const cellHeight = tileHeight + CAPTION_GAP + CAPTION_FONT_SIZE + 4 + GUTTER;
  const rows = Math.ceil(tiles.length / columns);
  const width = Math.min(columns, tiles.length) * cellWidth - GUTTER;
  const height = rows * cellHeight - GUTTER;
  const values = tiles.map((tile, i) => {
    const x = (i % columns) * cellWidth + (cellWidth - GUTTER - tileWidth) / 2;
    const y = Math.floor(i / columns) * cellHeight;
    return {
      url: tile.url,
      caption: tile.caption,
      x,
      y,
      x2: x + tileWidth,
      y2: y + tileHeight,
      cx: x + tileWidth / 2,
      cy: y + tileHeight + CAPTION_GAP,
    };
  });
  const pixels = (field: string, extent: number) => ({
    field,
    type: 'quantitative',
    scale: { domain: [0, extent], range: [0, extent], nice: false, zero: false },
    axis: null,
  });
  const layer: unknown[] = [
    {
      mark: {
        type: 'image',
        width: tileWidth,
        height: tileHeight,
        align: 'left',
        baseline: 'top',
        smooth: false,
        aria: false,
      },
      encoding: {
        x: pixels('x', width),
        y: pixels('y', height),
        url: { field: 'url', type: 'nominal' },
      },
    },
    {
      mark: { type: 'rect', fill: null, stroke: '#8a8a8a', strokeWidth: 0.75, aria: false },
      encoding: {
        x: pixels('x', width),
        y: pixels('y', height),
        x2: { field: 'x2' },
        y2: { field: 'y2' },
      },
    },
    {
      mark: {
        type: 'text',
        fontSize: CAPTION_FONT_SIZE,
        align: 'center',
        baseline: 'top',
        color: '#111111',
      },
      encoding: {
        x: pixels('cx', width),
        y: pixels('cy', height),
        text: { field: 'caption', type: 'nominal' },
      },
    },
  ];
  if (grid.colourBar !== undefined) {
    const { scale } = grid.colourBar;
    const [lo, hi] = scale.domain;
    // An invisible mark whose colour encoding gives vega's own colour bar for the tiles' scale.
    layer.push({
      data: { values: scale.domain.map((value) => ({ value })) },
      mark: { type: 'square', opacity: 0, aria: false },
      encoding: {
        color: {
          field: 'value',
          type: 'quantitative',
          scale: scale.vegaLite,
          legend: {
            title: null,
            labelOffset: 4,
            gradientLength: Math.max(120, Math.min(height, 360)),
            gradientThickness: 14,
            values: colourBarValues(lo, hi),
            format: '.3~g',
          },
        },
      },
    });
  }
  return {
    ...figureSpecHead({ text: grid.title, subtitle: grid.subtitle }),
    width,
    height,
    data: { values },
    layer,
  } as TopLevelSpec;
}

/**
 * Round ticks inside the scale's limits, and the limits themselves at the ends (so the bar says what
 * its extreme colours mean); a round tick crowding a limit makes way for it.
 */
export function colourBarValues(lo: number, hi: number): number[] {
  const linear = vegaScale('linear') as () => {
    domain(d: number[]): { ticks(count: number): number[] };
  };
  const round = linear().domain([lo, hi]).ticks(4);
  const room = 0.1 * (hi - lo);
  const inner = round.filter((v) => v - lo > room && hi - v > room);
  return [lo, ...inner, hi];
}
