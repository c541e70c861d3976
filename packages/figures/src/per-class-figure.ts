import type { TopLevelSpec } from 'vega-lite';
import { type RunLabel, titleWithRun } from './figure.js';
import { figureSpecHead } from './figure-spec.js';
import { FiguresError } from './figures-error.js';
import { vegaLiteFigure } from './render-vega-lite.js';
import { textWidth } from './text-width.js';
import { classNamesFor } from './validate.js';

const FIGURE = 'perClassFigure';

/** One class's scores, as in @digitlab/metrics' `ClassificationReport.perClass`. */
export interface ClassScoreRow {
  readonly className?: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Per-class scores in either shape @digitlab/metrics returns them: a classification report
 * (`perClass` rows, with `accuracy` and `macroAvg`) or `precisionRecallFscoreSupport`'s arrays
 * (with `macro`).
 */
export type ClassScores =
  | {
      readonly perClass: readonly ClassScoreRow[];
      readonly accuracy?: number;
      readonly macroAvg?: { readonly f1: number };
    }
  | {
      readonly precision: ArrayLike<number>;
      readonly recall: ArrayLike<number>;
      readonly f1: ArrayLike<number>;
      readonly macro?: { readonly f1: number };
    };

/** What `perClassFigure` draws. */
export interface PerClassInput {
  readonly scores: ClassScores;
  /** One name per class in label order; default the report's names, else the label numbers. */
  readonly classNames?: readonly string[];
  readonly run?: RunLabel;
}

const METRICS = ['precision', 'recall', 'F1'] as const;
const METRIC_COLOURS = ['#4c78a8', '#f58518', '#54a24b'];

/** Precision, recall and F1 of every class as grouped bars, one group per class, on 0–1. */
export const perClassFigure = vegaLiteFigure(FIGURE, perClassSpec);

/** The Vega-Lite spec `perClassFigure` renders. */
export function perClassSpec(input: PerClassInput): TopLevelSpec {
  const rows = rowsOf(input.scores);
  const k = rows.length;
  if (k === 0) throw new FiguresError(FIGURE, 'scores', 'to hold at least one class', 'none');
  const reportNames = rows.every((r) => r.className !== undefined)
    ? rows.map((r) => r.className!)
    : undefined;
  const names = classNamesFor(FIGURE, input.classNames ?? reportNames, k);
  const values = rows.flatMap((row, i) =>
    METRICS.map((metric) => {
      const value = metric === 'F1' ? row.f1 : row[metric];
      if (!(value >= 0 && value <= 1)) {
        throw new FiguresError(
          FIGURE,
          `scores ${metric} of class ${i}`,
          'to be in [0, 1]',
          String(value),
        );
      }
      return { className: names[i]!, metric, value };
    }),
  );
  const longest = Math.max(...names.map((n) => textWidth(n, 11)));
  const groupWidth = Math.max(42, Math.min(72, Math.floor(560 / k)));
  const summary = summaryOf(input.scores);
  return {
    ...figureSpecHead(
      { text: titleWithRun('Precision, recall and F1 per class', input.run), subtitle: summary },
      { grid: true },
    ),
    width: groupWidth * k,
    height: 260,
    data: { values },
    mark: { type: 'bar', width: { band: 1 } },
    encoding: {
      x: {
        field: 'className',
        type: 'nominal',
        title: 'Class',
        scale: { domain: names, paddingInner: 0.25, paddingOuter: 0.1 },
        axis:
          longest > groupWidth - 6
            ? { labelAngle: -45, labelAlign: 'right', labelBaseline: 'top' }
            : { labelAngle: 0 },
      },
      xOffset: {
        field: 'metric',
        type: 'nominal',
        scale: { domain: [...METRICS], paddingInner: 0.08 },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        title: 'score',
        scale: { domain: [0, 1] },
        axis: { grid: true, tickCount: 5, format: '.1f' },
      },
      color: {
        field: 'metric',
        type: 'nominal',
        scale: { domain: [...METRICS], range: METRIC_COLOURS },
        legend: {
          title: null,
          orient: 'top',
          direction: 'horizontal',
          symbolType: 'square',
          labelFontSize: 11,
        },
      },
    },
  } as TopLevelSpec;
}

function rowsOf(scores: ClassScores): ClassScoreRow[] {
  if ('perClass' in scores) return [...scores.perClass];
  const k = scores.precision.length;
  if (scores.recall.length !== k || scores.f1.length !== k) {
    throw new FiguresError(
      FIGURE,
      'scores',
      'to hold as many recall and f1 values as precision values',
      `${k} precision, ${scores.recall.length} recall, ${scores.f1.length} f1`,
    );
  }
  return Array.from({ length: k }, (_, i) => ({
    precision: scores.precision[i]!,
    recall: scores.recall[i]!,
    f1: scores.f1[i]!,
  }));
}

function summaryOf(scores: ClassScores): string | undefined {
  const parts: string[] = [];
  if ('perClass' in scores) {
    if (scores.accuracy !== undefined) parts.push(`accuracy ${scores.accuracy.toFixed(4)}`);
    if (scores.macroAvg !== undefined) parts.push(`macro F1 ${scores.macroAvg.f1.toFixed(4)}`);
  } else if (scores.macro !== undefined) {
    parts.push(`macro F1 ${scores.macro.f1.toFixed(4)}`);
  }
  return parts.length === 0 ? undefined : parts.join(' · ');
}
