import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** The four metrics the dashboard charts. */
export type MetricName = 'objective' | 'gradientNorm' | 'trainAccuracy' | 'testAccuracy';

/** Current value and recent history of each metric. */
export interface MetricsPanelState {
  readonly latest: Readonly<Partial<Record<MetricName, number>>>;
  readonly history: Readonly<Record<MetricName, readonly number[]>>;
}

/** Enough points for the widest sparkline to show detail; older points are dropped. */
export const HISTORY_LIMIT = 240;

export const initialMetricsPanelState: MetricsPanelState = {
  latest: {},
  history: { objective: [], gradientNorm: [], trainAccuracy: [], testAccuracy: [] },
};

/** Appends each reported metric to its history and remembers the latest value. */
export function metricsPanelReducer(
  state: MetricsPanelState,
  action: DashboardAction,
): MetricsPanelState {
  switch (action.type) {
    case 'started':
      return initialMetricsPanelState;
    case 'progress': {
      const { objective, gradientNorm, trainAccuracy } = action.point;
      return record(state, { objective, gradientNorm, trainAccuracy });
    }
    case 'evaluated':
      return record(state, { testAccuracy: action.summary.accuracy });
    case 'finished': {
      // Final accuracies may be measured after the last progress event; show them, do not chart
      // them twice.
      const { trainAccuracy, testAccuracy } = action.outcome;
      return {
        ...state,
        latest: {
          ...state.latest,
          ...(trainAccuracy === undefined ? {} : { trainAccuracy }),
          ...(testAccuracy === undefined ? {} : { testAccuracy }),
        },
      };
    }
    default:
      return state;
  }
}

function record(
  state: MetricsPanelState,
  values: Partial<Record<MetricName, number | undefined>>,
): MetricsPanelState {
  let latest = state.latest;
  let history = state.history;
  for (const [name, value] of Object.entries(values) as [MetricName, number | undefined][]) {
    if (value === undefined || Number.isNaN(value)) continue;
    latest = { ...latest, [name]: value };
    const previous = history[name];
    const next =
      previous.length >= HISTORY_LIMIT
        ? [...previous.slice(previous.length - HISTORY_LIMIT + 1), value]
        : [...previous, value];
    history = { ...history, [name]: next };
  }
  return latest === state.latest ? state : { latest, history };
}
