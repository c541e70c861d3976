import type { ProgressUnit } from '@digitlab/core';
import { Box, Text } from 'ink';
import type { Layout } from '../../view-models/layout.js';
import { progressBar } from '../../view-models/progress-bar.js';
import { progressModel, progressText } from '../../view-models/progress-model.js';
import type { ProgressPanelState } from './progress-panel-reducer.js';

/** Props of the progress panel. */
export interface ProgressPanelProps {
  readonly state: ProgressPanelState;
  readonly unit: ProgressUnit;
  readonly layout: Layout;
  readonly finished: boolean;
  readonly paused: boolean;
  /** What the plugin's evaluations count ('f-evals', 'batches'), from its start event. */
  readonly evaluationsUnit?: string;
}

/** Progress bar, step / total, the plugin's evaluations, rate, elapsed and ETA. */
export function ProgressPanel({
  state,
  unit,
  layout,
  finished,
  paused,
  evaluationsUnit,
}: ProgressPanelProps) {
  const barWidth = layout.mode === 'wide' ? layout.sidebarWidth - 4 : layout.progressBarWidth;
  const m = progressModel(state, unit, barWidth, finished, evaluationsUnit);
  const barColour = finished ? 'green' : paused ? 'yellow' : 'cyan';
  const counters = [m.count, m.evaluations].filter((s) => s !== '').join(' · ');
  const timing = `${m.rate} · ${m.elapsed} elapsed · ETA ${m.eta}`;
  if (layout.mode === 'wide') {
    return (
      <Box flexDirection="column">
        <Text color={barColour}>{m.bar}</Text>
        <Text wrap="truncate-end">{counters}</Text>
        <Text wrap="truncate-end">{timing}</Text>
      </Box>
    );
  }
  // The bar takes what the numbers leave of the line (rates in epoch/s need more room).
  const text = progressText(m);
  const bar = progressBar(
    m.fraction,
    Math.min(layout.progressBarWidth, Math.max(6, layout.columns - 1 - [...text].length)),
  );
  return (
    <Text wrap="truncate-end">
      <Text color={barColour}>{bar}</Text> {text}
    </Text>
  );
}
