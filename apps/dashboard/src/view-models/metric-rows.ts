import type {
  MetricName,
  MetricsPanelState,
} from '../components/metrics-panel/metrics-panel-reducer.js';
import { formatPercent, formatValue } from './format-number.js';
import { sparkline } from './sparkline.js';

/** One metric ready to print: name, current value and its sparkline. */
export interface MetricRow {
  readonly name: MetricName;
  readonly label: string;
  readonly value: string;
  readonly spark: string;
}

const LABELS: Record<MetricName, string> = {
  objective: 'objective',
  gradientNorm: '|gradient|',
  trainAccuracy: 'train acc',
  testAccuracy: 'test acc',
};

/** Label width so values line up in a column. */
export const METRIC_LABEL_WIDTH = 10;
/** Value width, e.g. "0.2841" or "91.23%". */
export const METRIC_VALUE_WIDTH = 8;

/** The charted metrics in display order. */
export const METRIC_NAMES: readonly MetricName[] = [
  'objective',
  'gradientNorm',
  'trainAccuracy',
  'testAccuracy',
];

/**
 * The metrics the plugin has reported so far, in display order: one appears with the first value
 * any event carries (none before the first progress event); the others take no room.
 */
export function knownMetrics(state: MetricsPanelState): MetricName[] {
  return METRIC_NAMES.filter((name) => state.latest[name] !== undefined);
}

/** The known metrics in display order, each with its value and sparkline. */
export function metricRows(state: MetricsPanelState, sparkWidth: number): MetricRow[] {
  return knownMetrics(state).map((name) => {
    const v = state.latest[name];
    const isAccuracy = name === 'trainAccuracy' || name === 'testAccuracy';
    return {
      name,
      label: LABELS[name],
      value: isAccuracy ? formatPercent(v, 2) : formatValue(v),
      spark: sparkline(state.history[name], sparkWidth),
    };
  });
}
