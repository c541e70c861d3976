import type { EvaluationSchedule, ProgressUnit } from '@digitlab/core';
import type { EvaluationSummary } from '@digitlab/session';
import { Box, Text } from 'ink';
import { confusionMatrixModel } from '../../view-models/confusion-matrix-model.js';
import { formatCount } from '../../view-models/format-number.js';
import type { Layout } from '../../view-models/layout.js';
import { unitLabel } from '../../view-models/progress-model.js';
import { firstEvaluationText } from '../../view-models/schedule-text.js';
import { type ConfusionMatrixState, shownSummary } from './confusion-matrix-reducer.js';

/** Props of the confusion-matrix heatmap. */
export interface ConfusionMatrixProps {
  readonly state: ConfusionMatrixState;
  readonly classNames: readonly string[];
  readonly layout: Layout;
  readonly unit: ProgressUnit;
  /** The held-out schedule, to say when the first matrix comes. */
  readonly schedule?: EvaluationSchedule;
}

/**
 * The held-out confusion matrix as a heatmap: rows are true classes, columns predictions, cells
 * coloured by the row-normalized value, the diagonal in green and bold. While an evaluation runs
 * it fills in batch by batch, marked partial until complete.
 */
export function ConfusionMatrix({
  state,
  classNames,
  layout,
  unit,
  schedule,
}: ConfusionMatrixProps) {
  const summary = shownSummary(state);
  const mode = state.normalized ? 'row-normalized' : 'counts';
  const progress = state.evaluating?.progress;
  const title = summary ? (
    <Text bold>
      confusion matrix · {unitLabel(unit)} {summary.step} ·{' '}
      {progress ? (
        <Text color="yellow">
          partial ({formatCount(progress.done)} of {formatCount(progress.total)}) ·{' '}
        </Text>
      ) : null}
      {mode}
    </Text>
  ) : (
    <Text bold>confusion matrix</Text>
  );
  const body = summary ? (
    <MatrixBody summary={summary} normalized={state.normalized} {...{ classNames, layout }} />
  ) : (
    <Box height={classNames.length + 1}>
      <Text color="gray" wrap="truncate-end">
        {schedule === 0
          ? `waiting for the held-out evaluation (${firstEvaluationText(0, unit)})…`
          : `waiting for the first held-out evaluation${schedule === undefined ? '' : ` (${firstEvaluationText(schedule, unit)})`}…`}
      </Text>
    </Box>
  );
  if (layout.mode === 'wide') {
    return (
      <Box flexDirection="column" borderStyle="round" borderColor="gray" paddingX={1}>
        <Text wrap="truncate-end">
          {title}
          <Text color="gray"> · rows true, columns predicted · n toggles</Text>
        </Text>
        {body}
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        {title}
        <Text color="gray"> · rows true, columns predicted</Text>
      </Text>
      {body}
    </Box>
  );
}

function MatrixBody({
  summary,
  normalized,
  classNames,
  layout,
}: Pick<ConfusionMatrixProps, 'classNames' | 'layout'> & {
  summary: EvaluationSummary;
  normalized: boolean;
}) {
  const model = confusionMatrixModel(summary, classNames, normalized, layout.matrix);
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
