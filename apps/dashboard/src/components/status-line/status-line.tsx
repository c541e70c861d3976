import { Box, Text } from 'ink';
import { formatBytes } from '../../view-models/format-number.js';
import type { Layout } from '../../view-models/layout.js';
import { reportText, saveText, statusModel } from '../../view-models/status-model.js';
import type { StatusLineState } from './status-line-reducer.js';

/**
 * Status (running, paused, converged, …), the last save and memory on the first line; the keys on
 * the second, where they keep the whole width (memory goes there only in the tiny layout, which
 * lists no keys).
 */
export function StatusLine({ state, layout }: { state: StatusLineState; layout: Layout }) {
  const status = statusModel(state);
  const save = saveText(state.save);
  const report = reportText(state.report);
  const memory = state.memory
    ? `tensors ${state.memory.numTensors} · RSS ${formatBytes(state.memory.rssBytes)}`
    : 'tensors – · RSS –';
  const pauseKey = state.phase === 'paused' ? 'p resume' : 'p pause';
  const keys = `q quit · ${pauseKey} · n norm · w weights · m mistakes · s save · r report · ? help`;
  const tiny = layout.mode === 'tiny';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={status.colour} bold>
          ● {status.label}
        </Text>
        {status.detail === '' ? '' : ` ${status.detail}`}
        {save === '' ? (
          ''
        ) : (
          <Text color={state.save.state === 'failed' ? 'red' : 'green'}> · {save}</Text>
        )}
        {report === '' ? (
          ''
        ) : (
          <Text color={state.report.state === 'failed' ? 'red' : 'green'}> · {report}</Text>
        )}
        {tiny ? '' : <Text color="gray"> · {memory}</Text>}
      </Text>
      <Text wrap="truncate-end" color="gray">
        {tiny ? memory : keys}
      </Text>
    </Box>
  );
}
