import { Box, Text } from 'ink';
import type { Layout } from '../../view-models/layout.js';
import {
  METRIC_LABEL_WIDTH,
  METRIC_VALUE_WIDTH,
  type MetricRow,
  metricRows,
} from '../../view-models/metric-rows.js';
import type { MetricsPanelState } from './metrics-panel-reducer.js';

/** Objective, gradient norm, training and held-out accuracy, each with a sparkline. */
export function MetricsPanel({ state, layout }: { state: MetricsPanelState; layout: Layout }) {
  if (layout.mode === 'wide') {
    const rows = metricRows(
      state,
      layout.sidebarWidth - 4 - METRIC_LABEL_WIDTH - METRIC_VALUE_WIDTH - 3,
    );
    return (
      <Box flexDirection="column">
        {rows.map((row) => (
          <MetricLine key={row.name} row={row} />
        ))}
      </Box>
    );
  }
  if (layout.mode === 'tiny') {
    const [objective, , , test] = metricRows(state, 0);
    return (
      <Text wrap="truncate-end">
        {objective?.label} {objective?.value} · {test?.label} {test?.value}
      </Text>
    );
  }
  const rows = metricRows(state, layout.sparklineWidth);
  return (
    <Box flexDirection="column">
      {[rows.slice(0, 2), rows.slice(2, 4)].map((pair) => (
        <Text key={pair[0]?.name} wrap="truncate-end">
          {pair.map((row, i) => (
            <Text key={row.name}>
              {i > 0 ? '  ' : ''}
              <MetricLine row={row} sparkWidth={layout.sparklineWidth} />
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}

function MetricLine({ row, sparkWidth }: { row: MetricRow; sparkWidth?: number }) {
  return (
    <Text>
      <Text color="gray">{row.label.padEnd(METRIC_LABEL_WIDTH)}</Text>{' '}
      <Text bold>{row.value.padStart(METRIC_VALUE_WIDTH)}</Text>{' '}
      <Text color="cyan">
        {sparkWidth === undefined ? row.spark : row.spark.padEnd(sparkWidth)}
      </Text>
    </Text>
  );
}
