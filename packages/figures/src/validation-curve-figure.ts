import type { TopLevelSpec } from 'vega-lite';
import { type RunLabel, titleWithRun } from './figure.js';
import { figureSpecHead } from './figure-spec.js';
import { FiguresError } from './figures-error.js';
import { vegaLiteFigure } from './render-vega-lite.js';

const FIGURE = 'validationCurveFigure';
const LINE_COLOUR = '#1f77b4';
const BEST_COLOUR = '#c0392b';

/** One setting of a sweep: the swept value and its cross-validated score. */
export interface ValidationPoint {
  readonly value: number;
  /** Mean score over the folds. */
  readonly mean: number;
  /** Standard deviation over the folds (the band is mean ± std). */
  readonly std: number;
}

/** A sweep of one option for `validationCurveFigure`. */
export interface ValidationCurveInput {
  /** The option swept, e.g. 'C'. */
  readonly param: string;
  readonly points: readonly ValidationPoint[];
  /** The value chosen, marked on the curve. */
  readonly best?: number;
  /** What is scored; default 'accuracy'. */
  readonly score?: string;
  /** How many folds the scores come from, for the subtitle. */
  readonly folds?: number;
  readonly run?: RunLabel;
}

/** Options for `validationCurveFigure`. */
export interface ValidationCurveOptions {
  /** Plot width in pixels; default 520. */
  readonly width?: number;
  /** Plot height in pixels; default 260. */
  readonly height?: number;
}

/**
 * scikit-learn's validation curve: the mean cross-validated score against the swept value, a
 * band of ± one standard deviation, the chosen value marked. The value axis is logarithmic when
 * every value is positive and they span more than a decade (a C sweep).
 */
export const validationCurveFigure = vegaLiteFigure(FIGURE, validationCurveSpec);

/** The Vega-Lite spec `validationCurveFigure` renders. */
export function validationCurveSpec(
  input: ValidationCurveInput,
  options: ValidationCurveOptions = {},
): TopLevelSpec {
  if (input.points.length === 0) {
    throw new FiguresError(FIGURE, 'points', 'to hold at least one point', 'none');
  }
  input.points.forEach((p, i) => {
    for (const key of ['value', 'mean', 'std'] as const) {
      if (!Number.isFinite(p[key])) {
        throw new FiguresError(
          FIGURE,
          `points[${i}].${key}`,
          'to be a finite number',
          String(p[key]),
        );
      }
    }
  });
  const values = input.points.map((p) => ({
    value: p.value,
    mean: p.mean,
    low: Math.max(0, p.mean - p.std),
    high: Math.min(1, p.mean + p.std),
  }));
  const xs = input.points.map((p) => p.value);
  const log = xs.every((x) => x > 0) && Math.max(...xs) / Math.min(...xs) > 10;
  const x = {
    field: 'value',
    type: 'quantitative',
    title: input.param,
    scale: log ? { type: 'log' } : { zero: false },
    axis: { grid: true, format: '~g' },
  };
  const score = input.score ?? 'accuracy';
  const layers: unknown[] = [
    {
      mark: { type: 'area', color: LINE_COLOUR, opacity: 0.18 },
      encoding: {
        x,
        y: {
          field: 'low',
          type: 'quantitative',
          title: `mean CV ${score}`,
          scale: { zero: false },
        },
        y2: { field: 'high' },
      },
    },
    {
      mark: {
        type: 'line',
        color: LINE_COLOUR,
        strokeWidth: 1.75,
        point: { size: 30, color: LINE_COLOUR },
      },
      encoding: { x, y: { field: 'mean', type: 'quantitative' } },
    },
  ];
  const best = input.best === undefined ? undefined : values.find((v) => v.value === input.best);
  if (best) {
    layers.push({
      data: { values: [best] },
      mark: { type: 'point', shape: 'diamond', size: 120, filled: true, color: BEST_COLOUR },
      encoding: { x, y: { field: 'mean', type: 'quantitative' } },
    });
  }
  const subtitle = [
    input.folds === undefined ? undefined : `${input.folds}-fold stratified CV, mean ± std`,
    best === undefined
      ? undefined
      : `best ${input.param} = ${best.value} (${best.mean.toFixed(4)})`,
  ].filter((s): s is string => s !== undefined);
  return {
    ...figureSpecHead(
      {
        text: titleWithRun('Validation curve', input.run),
        anchor: 'middle',
        subtitle: subtitle.length === 0 ? undefined : subtitle.join(' · '),
      },
      { grid: true },
    ),
    width: options.width ?? 520,
    height: options.height ?? 260,
    data: { values },
    layer: layers,
  } as TopLevelSpec;
}
