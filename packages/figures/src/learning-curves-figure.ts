import type { ProgressUnit, StopReason } from '@digitlab/core';
import type { TopLevelSpec } from 'vega-lite';
import { type RunLabel, titleWithRun } from './figure.js';
import { figureSpecHead } from './figure-spec.js';
import { FiguresError } from './figures-error.js';
import { vegaLiteFigure } from './render-vega-lite.js';

const FIGURE = 'learningCurvesFigure';

/** One step of a training history; any quantity the run did not report is left out. */
export interface ProgressPoint {
  /** The iteration, epoch or step number. */
  readonly step: number;
  readonly objective?: number;
  /** max |gᵢ| of the objective's gradient. */
  readonly gradientNorm?: number;
  readonly trainAccuracy?: number;
  /** Held-out accuracy, where it was evaluated. */
  readonly testAccuracy?: number;
}

/** Where and why training stopped, marked on every panel. */
export interface StopMark {
  readonly step: number;
  readonly reason: StopReason;
  /** In words, e.g. a FitResult's message; shown under the title. */
  readonly message?: string;
}

/** A training run's history for `learningCurvesFigure`. */
export interface LearningCurvesInput {
  readonly history: readonly ProgressPoint[];
  readonly unit: ProgressUnit;
  readonly stop?: StopMark;
  readonly run?: RunLabel;
}

/** Options for `learningCurvesFigure`. */
export interface LearningCurvesOptions {
  /** Plot width in pixels; default 560. */
  readonly width?: number;
  /** Height of each panel in pixels; default 150. */
  readonly panelHeight?: number;
}

type Panel = 'objective' | 'gradient' | 'accuracy';

interface Sample {
  readonly step: number;
  readonly value: number;
  readonly series?: string;
}

const LINE_COLOUR = '#1f77b4';
const STOP_COLOUR = '#c0392b';
const ACCURACY_COLOURS = { train: '#1f77b4', test: '#ff7f0e' } as const;
// Markers on a line only while they stay apart.
const MAX_POINTS_WITH_MARKERS = 40;

/**
 * Objective, max |gradient| (log scale) and train/test accuracy against the step, one panel each,
 * sharing the step axis, with the stop marked on each. Panels for quantities the history lacks
 * are left out; undefined when none is left (a k-NN fit that reports nothing): nothing to draw.
 */
export const learningCurvesFigure = vegaLiteFigure(FIGURE, learningCurvesSpec);

/** The Vega-Lite spec `learningCurvesFigure` renders, or undefined when there is nothing to draw. */
export function learningCurvesSpec(
  input: LearningCurvesInput,
  options: LearningCurvesOptions = {},
): TopLevelSpec | undefined {
  const series = collect(input.history);
  const panels = (['objective', 'gradient', 'accuracy'] as const).filter(
    (p) => series[p].length > 0,
  );
  if (panels.length === 0) return undefined;

  const steps = panels.flatMap((p) => series[p].map((s) => s.step));
  if (input.stop !== undefined) {
    if (!Number.isFinite(input.stop.step)) {
      throw new FiguresError(FIGURE, 'stop.step', 'to be a finite number', String(input.stop.step));
    }
    steps.push(input.stop.step);
  }
  const first = Math.min(...steps);
  const last = Math.max(...steps);
  const domain = last > first ? [first, last] : [first - 1, last + 1];
  const width = options.width ?? 560;
  const height = options.panelHeight ?? 150;
  const unitTitle = input.unit.charAt(0).toUpperCase() + input.unit.slice(1);

  const views = panels.map((panel, index) => {
    const bottom = index === panels.length - 1;
    const x = {
      field: 'step',
      type: 'quantitative',
      scale: { domain, nice: false, zero: false },
      axis: bottom
        ? { title: unitTitle, format: 'd', grid: true }
        : { title: null, labels: false, grid: true },
    };
    const layers: unknown[] = [curves(panel, series[panel], x)];
    if (input.stop !== undefined) layers.push(...stopMarks(input.stop, input.unit, x, index === 0));
    return { width, height, layer: layers };
  });

  return {
    ...figureSpecHead(
      {
        text: titleWithRun('Learning curves', input.run),
        anchor: 'middle',
        ...(input.stop === undefined
          ? {}
          : { subtitle: stopSubtitle(input.stop, input.unit), subtitleLimit: width + 80 }),
      },
      { grid: true },
    ),
    vconcat: views,
    spacing: 12,
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}

function collect(history: readonly ProgressPoint[]): Record<Panel, Sample[]> {
  const out: Record<Panel, Sample[]> = { objective: [], gradient: [], accuracy: [] };
  history.forEach((point, i) => {
    const { step } = point;
    if (!Number.isFinite(step))
      throw new FiguresError(FIGURE, `history[${i}].step`, 'to be a finite number', String(step));
    if (isFiniteNumber(point.objective)) out.objective.push({ step, value: point.objective });
    // A log axis cannot show 0; an exactly zero gradient has nothing left to plot.
    if (isFiniteNumber(point.gradientNorm) && point.gradientNorm > 0)
      out.gradient.push({ step, value: point.gradientNorm });
    if (isFiniteNumber(point.trainAccuracy))
      out.accuracy.push({ step, value: point.trainAccuracy, series: 'train' });
    if (isFiniteNumber(point.testAccuracy))
      out.accuracy.push({ step, value: point.testAccuracy, series: 'test' });
  });
  return out;
}

function isFiniteNumber(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function curves(panel: Panel, samples: readonly Sample[], x: object): object {
  const markers = (series?: string) =>
    samples.filter((s) => s.series === series).length <= MAX_POINTS_WITH_MARKERS;
  if (panel === 'accuracy') {
    const present = (['train', 'test'] as const).filter((s) => samples.some((p) => p.series === s));
    return {
      data: { values: samples },
      mark: {
        type: 'line',
        point: present.some((s) => markers(s)) ? { size: 24 } : false,
        strokeWidth: 1.75,
      },
      encoding: {
        x,
        y: {
          field: 'value',
          type: 'quantitative',
          title: 'accuracy',
          scale: linearScale(samples, 1),
        },
        color: {
          field: 'series',
          type: 'nominal',
          scale: { domain: present, range: present.map((s) => ACCURACY_COLOURS[s]) },
          legend: {
            title: null,
            orient: 'right',
            symbolType: 'stroke',
            symbolStrokeWidth: 2,
            labelFontSize: 11,
          },
        },
      },
    };
  }
  const log = panel === 'gradient';
  return {
    data: { values: samples },
    mark: {
      type: 'line',
      color: LINE_COLOUR,
      strokeWidth: 1.75,
      point: markers() ? { size: 24, color: LINE_COLOUR } : false,
    },
    encoding: {
      x,
      y: log
        ? { field: 'value', type: 'quantitative', title: 'max |gradient|', ...logAxis(samples) }
        : { field: 'value', type: 'quantitative', title: 'objective', scale: linearScale(samples) },
    },
  };
}

/** A linear scale around the values, not from 0; a single value gets room either side (up to `ceiling`). */
function linearScale(samples: readonly Sample[], ceiling = Infinity): object {
  const values = samples.map((s) => s.value);
  const smallest = Math.min(...values);
  const largest = Math.max(...values);
  if (largest > smallest) return { zero: false };
  const pad = Math.max(Math.abs(largest) * 0.05, 0.01);
  return { zero: false, domain: [smallest - pad, Math.min(largest + pad, ceiling)] };
}

/**
 * A log scale labelled at powers of ten (1e3 … 1e-5) when the values span two decades or more;
 * over a narrower range vega's own ticks say more.
 */
function logAxis(samples: readonly Sample[]): object {
  const values = samples.map((s) => s.value);
  const smallest = Math.min(...values);
  const largest = Math.max(...values);
  // One value alone (a single step) gets a decade either side.
  const pad = smallest === largest ? 1 : 0;
  const low = Math.floor(Math.log10(smallest)) - pad;
  const high = Math.ceil(Math.log10(largest)) + pad;
  if (high - low < 2) return { scale: { type: 'log' }, axis: { format: '~g', grid: true } };
  const powers = Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
  return {
    scale: { type: 'log', domain: [powers[0], powers[powers.length - 1]], nice: false },
    axis: {
      values: powers,
      grid: true,
      labelExpr: "replace(format(datum.value, '.0e'), '+', '')",
      tickCount: powers.length,
    },
  };
}

function stopMarks(stop: StopMark, unit: ProgressUnit, x: object, labelled: boolean): object[] {
  const data = {
    values: [{ step: stop.step, label: `stop: ${stop.reason} at ${unit} ${stop.step}` }],
  };
  const rule = {
    data,
    mark: { type: 'rule', color: STOP_COLOUR, strokeDash: [5, 3], strokeWidth: 1.5 },
    encoding: { x },
  };
  if (!labelled) return [rule];
  const label = {
    data,
    mark: {
      type: 'text',
      color: STOP_COLOUR,
      align: 'right',
      baseline: 'top',
      dx: -4,
      dy: 4,
      fontSize: 11,
    },
    encoding: { x, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
  };
  return [rule, label];
}

function stopSubtitle(stop: StopMark, unit: ProgressUnit): string {
  return stop.message ?? `stopped at ${unit} ${stop.step}: ${stop.reason}`;
}
