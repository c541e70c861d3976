export {
  HISTORY_LIMIT,
  initialMetricsPanelState,
  type MetricName,
  type MetricsPanelState,
  metricsPanelReducer,
} from './use-metrics-panel-state.js';
export { MetricsPanel } from './view.js';
