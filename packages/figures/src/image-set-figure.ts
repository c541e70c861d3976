import type { ImageSet } from '@digitlab/core';
import type { TopLevelSpec } from 'vega-lite';
import { type ColourScale, inkScale, schemeScale } from './colour-scale.js';
import { type RunLabel, titleWithRun } from './figure.js';
import { FiguresError } from './figures-error.js';
import { imageDataUrl } from './image-data-url.js';
import { imageGridSpec } from './image-grid-spec.js';
import { vegaLiteFigure } from './render-vega-lite.js';
import { checkColumns, checkImageShape } from './validate.js';

const FIGURE = 'imageSetFigure';

/** Options for `imageSetFigure`. */
export interface ImageSetOptions {
  /** Tiles per row; default 5 for up to ten images (two rows, as scikit-learn's example), else 8. */
  readonly columns?: number;
  /** Screen pixels per image pixel; default 4 (a 28×28 image in 112 pixels). */
  readonly pixelSize?: number;
  /** Model and dataset for the title. */
  readonly run?: RunLabel;
}

/**
 * The `weights` figure, for any image set: one tile per image, titled by its label. A diverging
 * set (a linear model's coefficient rows, an MLP's first-layer filters) is drawn red for negative
 * and blue for positive on limits symmetric around 0 and shared by every tile, 0 in the scale's
 * neutral middle; a sequential set (centroids) from white at its smallest to black at its largest.
 */
export const imageSetFigure = vegaLiteFigure(FIGURE, imageSetSpec);

/** The Vega-Lite spec `imageSetFigure` renders. */
export function imageSetSpec(set: ImageSet, options: ImageSetOptions = {}): TopLevelSpec {
  const [height, width] = checkImageShape(FIGURE, 'set.shape', set.shape);
  if (set.images.length === 0)
    throw new FiguresError(FIGURE, 'set.images', 'to hold at least one image', 'none');
  let lo = Infinity;
  let hi = -Infinity;
  set.images.forEach((image, i) => {
    if (image.values.length !== height * width) {
      throw new FiguresError(
        FIGURE,
        `set.images[${i}].values`,
        `to hold ${height}×${width} = ${height * width} values`,
        `${image.values.length}`,
      );
    }
    for (const v of image.values) {
      if (!Number.isFinite(v)) {
        throw new FiguresError(
          FIGURE,
          `set.images[${i}].values`,
          'to be finite numbers',
          String(v),
        );
      }
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  });
  const scale = scaleFor(set, lo, hi);
  const pixelSize = options.pixelSize ?? 4;
  const n = set.images.length;
  return imageGridSpec({
    title: titleWithRun(set.title, options.run),
    subtitle: subtitleFor(set, scale),
    tiles: set.images.map((image) => ({
      url: imageDataUrl(image.values, 0, height, width, scale),
      caption: image.label,
    })),
    tileWidth: width * pixelSize,
    tileHeight: height * pixelSize,
    columns:
      options.columns === undefined
        ? { maxColumns: Math.min(n <= 10 ? 5 : 8, n) }
        : { exactly: checkColumns(FIGURE, options.columns) },
    colourBar: { scale },
  });
}

function scaleFor(set: ImageSet, lo: number, hi: number): ColourScale {
  if (set.scale === 'diverging') {
    // Symmetric shared limits: a value and its negation get mirrored colours, 0 the neutral one.
    const limit = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return schemeScale('redblue', [-limit, limit]);
  }
  return inkScale(hi > lo ? [lo, hi] : [lo, lo + 1]);
}

function subtitleFor(set: ImageSet, scale: ColourScale): string {
  const [lo, hi] = scale.domain;
  if (set.scale === 'diverging')
    return `red negative, blue positive; limits ±${formatLimit(hi)} shared by all tiles`;
  return `white ${formatLimit(lo)} to black ${formatLimit(hi)}, shared by all tiles`;
}

function formatLimit(value: number): string {
  const size = Math.abs(value);
  if (size === 0) return '0';
  return size >= 0.01 && size < 1000
    ? String(Number(value.toPrecision(3)))
    : value.toExponential(2);
}
