import { Box, Text } from 'ink';
import { formatBytes } from '../../view-models/format-number.js';
import type { Layout } from '../../view-models/layout.js';
import { saveText, statusModel } from '../../view-models/status-model.js';
import type { StatusLineState } from './status-line-reducer.js';

/** Status (running, paused, converged, …), the last save, memory and the keys. */
export function StatusLine({ state, layout }: { state: StatusLineState; layout: Layout }) {
  const status = statusModel(state);
  const save = saveText(state.save);
  const memory = state.memory
    ? `tensors ${state.memory.numTensors} · RSS ${formatBytes(state.memory.rssBytes)}`
    : 'tensors – · RSS –';
  const pauseKey = state.phase === 'paused' ? 'p resume' : 'p pause';
  const keys = `q quit · ${pauseKey} · n counts/norm · s save · ? help`;
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
      </Text>
      <Text wrap="truncate-end" color="gray">
        {memory}
        {layout.mode === 'tiny' ? '' : ` · ${keys}`}
      </Text>
    </Box>
  );
}
