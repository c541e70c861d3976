import { Box, Text } from 'ink';
import type { Layout } from '../../view-models/layout.js';
import {
  METRIC_LABEL_WIDTH,
  METRIC_VALUE_WIDTH,
  type MetricRow,
  metricRows,
} from '../../view-models/metric-rows.js';
import type { MetricName, MetricsPanelState } from './metrics-panel-reducer.js';

/** What the one-line (tiny) panel shows first, of the metrics known. */
const TINY_ORDER: readonly MetricName[] = [
  'objective',
  'testAccuracy',
  'trainAccuracy',
  'gradientNorm',
];

/**
 * Objective, gradient norm, training and held-out accuracy, each with a sparkline: only those the
 * plugin has reported (a k-NN run shows the accuracies alone), so the others take no room.
 */
export function MetricsPanel({ state, layout }: { state: MetricsPanelState; layout: Layout }) {
  if (layout.mode === 'wide') {
    const rows = metricRows(
      state,
      layout.sidebarWidth - 4 - METRIC_LABEL_WIDTH - METRIC_VALUE_WIDTH - 3,
    );
    if (rows.length === 0) return null;
    return (
      <Box flexDirection="column">
        {rows.map((row) => (
          <MetricLine key={row.name} row={row} />
        ))}
      </Box>
    );
  }
  if (layout.mode === 'tiny') {
    const rows = metricRows(state, 0);
    const shown = TINY_ORDER.flatMap((name) => rows.filter((r) => r.name === name)).slice(0, 2);
    if (shown.length === 0) return null;
    return <Text wrap="truncate-end">{shown.map((r) => `${r.label} ${r.value}`).join(' · ')}</Text>;
  }
  const rows = metricRows(state, layout.sparklineWidth);
  if (rows.length === 0) return null;
  const pairs: MetricRow[][] = [];
  for (let i = 0; i < rows.length; i += 2) pairs.push(rows.slice(i, i + 2));
  return (
    <Box flexDirection="column">
      {pairs.map((pair) => (
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
