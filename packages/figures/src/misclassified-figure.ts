import type { TopLevelSpec } from 'vega-lite';
import { inkScale } from './colour-scale.js';
import { type RunLabel, titleWithRun } from './figure.js';
import { FiguresError } from './figures-error.js';
import { groupThousands } from './group-thousands.js';
import { imageDataUrl } from './image-data-url.js';
import { imageGridSpec } from './image-grid-spec.js';
import { type Predictions, pickMisclassified } from './pick-misclassified.js';
import { vegaLiteFigure } from './render-vega-lite.js';
import { checkColumns, checkImageShape, classNamesFor } from './validate.js';

const FIGURE = 'misclassifiedFigure';

/** Held-out samples with the model's predictions, for `misclassifiedFigure`. */
export interface MisclassifiedInput extends Predictions {
  /** n images, each `height × width` values row-major, one after another (a dataset's features). */
  readonly images: ArrayLike<number>;
  /** [height, width] of each image. */
  readonly shape: readonly [number, number];
  /** One name per class in label order; default the label numbers. */
  readonly classNames?: readonly string[];
  readonly run?: RunLabel;
}

/** Options for `misclassifiedFigure`. */
export interface MisclassifiedOptions {
  /** The most mistakes to show; default 36. */
  readonly limit?: number;
  /** Tiles per row; default up to 9, fewer when long class names widen the captions. */
  readonly columns?: number;
  /** Screen pixels per image pixel; default 3 (a 28×28 digit in 84 pixels). */
  readonly pixelSize?: number;
  /** Pixel values drawn white and black; default the smallest and largest value shown. */
  readonly valueRange?: readonly [number, number];
}

/**
 * A grid of held-out images the model gets wrong, the most confident mistakes first, each captioned
 * `true → predicted (p)` with p the probability of the wrong prediction. Undefined when the model
 * makes no mistakes: there is nothing to draw.
 */
export const misclassifiedFigure = vegaLiteFigure(FIGURE, misclassifiedSpec);

/** The Vega-Lite spec `misclassifiedFigure` renders, or undefined when nothing is wrong. */
export function misclassifiedSpec(
  input: MisclassifiedInput,
  options: MisclassifiedOptions = {},
): TopLevelSpec | undefined {
  const [height, width] = checkImageShape(FIGURE, 'shape', input.shape);
  const n = input.trueLabels.length;
  const size = height * width;
  if (input.images.length !== n * size) {
    throw new FiguresError(
      FIGURE,
      'images',
      `to hold ${n} images of ${height}×${width} values (${n * size})`,
      `${input.images.length} values`,
    );
  }
  const picked = pickMisclassified(input, options.limit ?? 36, FIGURE);
  if (picked.length === 0) return undefined;
  let numClasses = input.classNames?.length ?? 0;
  for (let i = 0; i < n; i++) {
    numClasses = Math.max(numClasses, input.trueLabels[i]! + 1, input.predictedLabels[i]! + 1);
  }
  const names = classNamesFor(
    FIGURE,
    input.classNames,
    input.classNames === undefined ? numClasses : input.classNames.length,
  );
  if (numClasses > names.length) {
    throw new FiguresError(
      FIGURE,
      'classNames',
      `to name every label up to ${numClasses - 1}`,
      `${names.length} names`,
    );
  }
  const range = options.valueRange ?? valueRangeOf(input.images, picked, size);
  const scale = inkScale(range[1] > range[0] ? [range[0], range[1]] : [range[0], range[0] + 1]);
  let wrong = 0;
  for (let i = 0; i < n; i++) if (input.trueLabels[i] !== input.predictedLabels[i]) wrong++;
  const pixelSize = options.pixelSize ?? 3;
  return imageGridSpec({
    title: titleWithRun('Most confident mistakes', input.run),
    subtitle: `${picked.length} of ${groupThousands(wrong)} misclassified held-out images (of ${groupThousands(n)}): true → predicted (probability)`,
    tiles: picked.map((i) => ({
      url: imageDataUrl(input.images, i * size, height, width, scale),
      caption: `${names[input.trueLabels[i]!]} → ${names[input.predictedLabels[i]!]} (${formatProbability(input.confidence[i]!)})`,
    })),
    tileWidth: width * pixelSize,
    tileHeight: height * pixelSize,
    columns:
      options.columns === undefined
        ? { maxColumns: Math.min(9, picked.length) }
        : { exactly: checkColumns(FIGURE, options.columns) },
  });
}

function valueRangeOf(
  images: ArrayLike<number>,
  picked: readonly number[],
  size: number,
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of picked) {
    for (let j = i * size; j < (i + 1) * size; j++) {
      const v = images[j]!;
      if (!Number.isFinite(v))
        throw new FiguresError(FIGURE, `images[${j}]`, 'to be a finite number', String(v));
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}

/** Two decimals, but never "1.00" for a probability short of 1: 0.998 then, or >0.999. */
export function formatProbability(p: number): string {
  if (p >= 1 || p < 0.995) return p.toFixed(2);
  return p < 0.9995 ? p.toFixed(3) : '>0.999';
}
