import { Box, Text } from 'ink';
import type { DigitPanelModel } from '../../view-models/digit-panel-model.js';
import type { DigitPanelLayout } from '../../view-models/layout.js';

/** Props of a digit panel's frame. */
export interface DigitPanelProps {
  readonly model: DigitPanelModel;
  /** Its box, border included, and whether it has the wide layout's round grey border. */
  readonly layout: DigitPanelLayout;
}

/**
 * A title with its legend, then the tiles' lines as the view-model wrote them (each picture line
 * carries its own colour codes), or the message that stands in for them.
 */
export function DigitPanel({ model, layout }: DigitPanelProps) {
  return (
    <Box
      flexDirection="column"
      height={layout.height}
      width={layout.width}
      flexShrink={0}
      overflow="hidden"
      {...(layout.framed ? { borderStyle: 'round', borderColor: 'gray', paddingX: 1 } : {})}
    >
      <Text wrap="truncate-end">
        <Text bold>{model.title}</Text>
        {model.legend === '' ? null : <Text color="gray"> · {model.legend}</Text>}
      </Text>
      {model.message === undefined ? (
        model.lines.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions in a fixed grid
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ))
      ) : (
        <Text color="gray" wrap="truncate-end">
          {model.message}
        </Text>
      )}
    </Box>
  );
}
