import type { ProgressUnit } from '@digitlab/core';
import { unitWord } from '@digitlab/session';
import { Box, Text } from 'ink';
import { confusionMatrixModel } from '../../view-models/confusion-matrix-model.js';
import type { Layout } from '../../view-models/layout.js';
import { unitLabel } from '../../view-models/progress-model.js';
import type { ConfusionMatrixState } from './confusion-matrix-reducer.js';

/** Props of the confusion-matrix heatmap. */
export interface ConfusionMatrixProps {
  readonly state: ConfusionMatrixState;
  readonly classNames: readonly string[];
  readonly layout: Layout;
  readonly unit: ProgressUnit;
  readonly evalEvery?: number;
}

/**
 * The held-out confusion matrix as a heatmap: rows are true classes, columns predictions, cells
 * coloured by the row-normalized value, the diagonal in green and bold.
 */
export function ConfusionMatrix({
  state,
  classNames,
  layout,
  unit,
  evalEvery,
}: ConfusionMatrixProps) {
  const { summary, normalized } = state;
  const mode = normalized ? 'row-normalized' : 'counts';
  const title = summary
    ? `confusion matrix · ${unitLabel(unit)} ${summary.step} · ${mode}`
    : 'confusion matrix';
  const body = summary ? (
    <MatrixBody {...{ state, classNames, layout }} />
  ) : (
    <Box height={classNames.length + 1}>
      <Text color="gray" wrap="truncate-end">
        waiting for the first held-out evaluation
        {evalEvery === undefined ? '' : ` (every ${evalEvery} ${unitWord(unit, evalEvery)})`}…
      </Text>
    </Box>
  );
  if (layout.mode === 'wide') {
    return (
      <Box flexDirection="column" borderStyle="round" borderColor="gray" paddingX={1}>
        <Text wrap="truncate-end">
          <Text bold>{title}</Text>
          <Text color="gray"> · rows true, columns predicted · n toggles</Text>
        </Text>
        {body}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{title}</Text>
        <Text color="gray"> · rows true, columns predicted</Text>
      </Text>
      {body}
    </Box>
  );
}

function MatrixBody({
  state,
  classNames,
  layout,
}: Pick<ConfusionMatrixProps, 'state' | 'classNames' | 'layout'>) {
  const summary = state.summary;
  if (!summary) return null;
  const model = confusionMatrixModel(summary, classNames, state.normalized, layout.matrix);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" color="gray">
        {model.header}
        {model.scoresHeader}
      </Text>
      {model.rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are class indices, fixed for a run
        <Text key={i} wrap="truncate-end">
          <Text color="gray">{row.label} </Text>
          {row.cells.map((cell, j) => (
            <Text
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are class indices
              key={j}
              color={cell.foreground}
              backgroundColor={cell.background}
              bold={cell.diagonal}
            >
              {cell.text}
            </Text>
          ))}
          {row.scores === '' ? null : <Text>{row.scores}</Text>}
        </Text>
      ))}
    </Box>
  );
}
