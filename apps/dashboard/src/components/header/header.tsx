import { Box, Text } from 'ink';
import { headerLines } from '../../view-models/header-model.js';
import type { Layout } from '../../view-models/layout.js';
import type { HeaderState } from './header-reducer.js';

/** Dataset, classifier, optimizer and backend: two lines in compact mode, a panel when wide. */
export function Header({ state, layout }: { state: HeaderState; layout: Layout }) {
  if (!state.info) {
    return (
      <Text wrap="truncate-end">
        <Text bold color="cyan">
          digitlab
        </Text>{' '}
        preparing…
      </Text>
    );
  }
  const lines = headerLines(state.info);
  if (layout.mode === 'wide') {
    return (
      <Box flexDirection="column" borderStyle="round" borderColor="gray" paddingX={1}>
        {lines.map((line, i) => (
          <Text key={line.label} wrap="truncate-end">
            {i === 0 ? (
              <Text bold color="cyan">
                digitlab{' '}
              </Text>
            ) : (
              <Text>{'         '}</Text>
            )}
            <Text color="gray">{line.label.padEnd(10)}</Text>
            {line.text}
          </Text>
        ))}
      </Box>
    );
  }
  const [data, model, optimizer, backend] = lines;
  const second = [model?.text, optimizer?.text, `backend ${backend?.text ?? ''}`].join(' · ');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color="cyan">
          digitlab
        </Text>{' '}
        {data?.text}
      </Text>
      {layout.mode === 'compact' ? <Text wrap="truncate-end">{second}</Text> : null}
    </Box>
  );
}
