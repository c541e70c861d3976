import type { TopLevelSpec } from 'vega-lite';
import { BLACK, readableOn, schemeScale, WHITE } from './colour-scale.js';
import { type RunLabel, titleWithRun } from './figure.js';
import { figureSpecHead } from './figure-spec.js';
import { FiguresError } from './figures-error.js';
import { groupThousands } from './group-thousands.js';
import { vegaLiteFigure } from './render-vega-lite.js';
import { textWidth } from './text-width.js';
import { classNamesFor } from './validate.js';

const FIGURE = 'confusionMatrixFigure';

/** What the confusion-matrix figure draws: held-out counts and whose they are. */
export interface ConfusionMatrixInput {
  /**
   * k×k integer counts, row-major, rows the true class and columns the predicted one (true i,
   * predicted j at i·k + j): @digitlab/metrics' `ConfusionMatrix.rawCounts`, for one.
   */
  readonly counts: ArrayLike<number>;
  /** One name per class in label order; default the label numbers. */
  readonly classNames?: readonly string[];
  /** Model and dataset for the title; the accuracy comes from the counts. */
  readonly run?: RunLabel;
}

/** Options for `confusionMatrixFigure`. */
export interface ConfusionMatrixOptions {
  /** Side of one cell in pixels; default fits the matrix in about 460 pixels (14 to 48). */
  readonly cellSize?: number;
  /** A vega sequential scheme for the row-normalized fraction; default 'magma'. */
  readonly scheme?: string;
}

/** One cell of the heatmap as the spec's data. */
interface Cell {
  readonly trueName: string;
  readonly predictedName: string;
  readonly count: number;
  readonly fraction: number;
  readonly textColour: string;
}

/**
 * The notebook's heatmap: colour the fraction of each true class (rows normalized), every cell
 * annotated with its count in black or white, whichever reads on the cell, a colour bar 0–1,
 * class names on both axes and the test accuracy in the title.
 */
export const confusionMatrixFigure = vegaLiteFigure(FIGURE, confusionMatrixSpec);

/** The Vega-Lite spec `confusionMatrixFigure` renders. */
export function confusionMatrixSpec(
  input: ConfusionMatrixInput,
  options: ConfusionMatrixOptions = {},
): TopLevelSpec {
  const { counts } = input;
  const k = Math.round(Math.sqrt(counts.length));
  if (k < 1 || k * k !== counts.length) {
    throw new FiguresError(
      FIGURE,
      'counts',
      'to hold k×k values for some k ≥ 1',
      `${counts.length} values`,
    );
  }
  const names = classNamesFor(FIGURE, input.classNames, k);
  let total = 0;
  let correct = 0;
  let largest = 0;
  const rowSums = new Float64Array(k);
  for (let c = 0; c < counts.length; c++) {
    const v = counts[c]!;
    if (!Number.isInteger(v) || v < 0) {
      throw new FiguresError(FIGURE, `counts[${c}]`, 'to be an integer count ≥ 0', String(v));
    }
    rowSums[Math.floor(c / k)]! += v;
    total += v;
    if (c % (k + 1) === 0) correct += v;
    if (v > largest) largest = v;
  }
  if (total === 0)
    throw new FiguresError(FIGURE, 'counts', 'to count at least one sample', 'all zeros');

  const scale = schemeScale(options.scheme ?? 'magma', [0, 1]);
  const cells: Cell[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const count = counts[i * k + j]!;
      const fraction = rowSums[i]! > 0 ? count / rowSums[i]! : 0;
      cells.push({
        trueName: names[i]!,
        predictedName: names[j]!,
        count,
        fraction,
        textColour: readableOn(scale.colour(fraction)),
      });
    }
  }

  const cell = options.cellSize ?? Math.max(14, Math.min(48, Math.floor(460 / k)));
  const side = cell * k;
  // Counts as large as the cell allows, up to the axis label size and a bit over.
  const digits = String(largest).length;
  const fontSize = Math.max(6, Math.min(13, (0.8 * cell * 11) / textWidth('0'.repeat(digits), 11)));
  const accuracy = correct / total;

  return {
    ...figureSpecHead({
      text: titleWithRun('Confusion matrix', input.run),
      subtitle: `test accuracy ${accuracy.toFixed(4)} (${groupThousands(correct)} of ${groupThousands(total)})`,
    }),
    width: side,
    height: side,
    data: { values: cells },
    encoding: {
      x: {
        field: 'predictedName',
        type: 'ordinal',
        title: 'Predicted label',
        scale: { domain: names, paddingInner: 0, paddingOuter: 0 },
        axis: {
          labelAngle: -45,
          labelAlign: 'right',
          labelBaseline: 'top',
          labelPadding: 2,
          titlePadding: 8,
        },
      },
      y: {
        field: 'trueName',
        type: 'ordinal',
        title: 'True label',
        scale: { domain: names, paddingInner: 0, paddingOuter: 0 },
        axis: { labelPadding: 4, titlePadding: 10 },
      },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'fraction',
            type: 'quantitative',
            scale: scale.vegaLite,
            legend: {
              title: 'fraction of true label',
              titleOrient: 'right',
              titleAnchor: 'middle',
              titleBaseline: 'bottom',
              titleAngle: 90,
              titlePadding: 4,
              labelOffset: 4,
              gradientLength: side,
              gradientThickness: 18,
              tickCount: 5,
              format: '.1f',
            },
          },
        },
      },
      {
        mark: { type: 'text', fontSize },
        encoding: {
          text: { field: 'count', type: 'quantitative', format: 'd' },
          color: {
            condition: { test: `datum.textColour === '${BLACK}'`, value: BLACK },
            value: WHITE,
          },
        },
      },
    ],
  } as TopLevelSpec;
}
