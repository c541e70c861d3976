export { MetricsPanel } from './metrics-panel.js';
export {
  HISTORY_LIMIT,
  initialMetricsPanelState,
  type MetricName,
  type MetricsPanelState,
  metricsPanelReducer,
} from './metrics-panel-reducer.js';
