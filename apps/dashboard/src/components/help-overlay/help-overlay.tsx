import { Box, Text } from 'ink';

/** The keys the dashboard understands, for the `?` overlay and the README. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ['q', 'quit: stop training, free tensors, restore the terminal'],
  ['Ctrl-C', 'quit at once (exit code 130)'],
  ['p', 'pause / resume training'],
  ['n', 'confusion matrix: counts ↔ row-normalized values'],
  ['w', "show / hide the model's weights as images, live"],
  ['m', 'show / hide misclassified test samples, true → predicted'],
  ['s', 'save the model now (to --save DIR)'],
  ['r', 'write a report now: HTML, figures, result (to --report DIR)'],
  ['?', 'show / hide this help (Esc hides it)'],
];

/** Key help drawn over the dashboard. */
export function HelpOverlay({ saveDir }: { saveDir: string }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold color="cyan">
        keys
      </Text>
      {KEY_HELP.map(([key, text]) => (
        <Text key={key} wrap="truncate-end">
          <Text bold>{key.padEnd(8)}</Text>
          {text}
        </Text>
      ))}
      <Text color="gray" wrap="truncate-end">
        models are saved to {saveDir}
      </Text>
      <Text color="gray" wrap="truncate-end">
        cells are coloured by row-normalized value (Blues), the diagonal in green
      </Text>
    </Box>
  );
}
