import type { ProgressUnit } from '@digitlab/core';
import type { SessionInfo } from '@digitlab/session';
import { Text } from 'ink';
import { evaluationLineModel } from '../../view-models/evaluation-line-model.js';
import { progressBar } from '../../view-models/progress-bar.js';
import type { ConfusionMatrixState } from './confusion-matrix-reducer.js';

/** Props of the held-out line. */
export interface EvaluationLineProps {
  readonly state: ConfusionMatrixState;
  readonly info: SessionInfo | undefined;
  readonly unit: ProgressUnit;
  /** Cells the line may take. */
  readonly width: number;
}

/** Widest bar of an evaluation in progress, and the narrowest worth drawing. */
const BAR_WIDTH = { most: 20, least: 6 } as const;

/**
 * The held-out evaluation in one line: while it runs, a bar of its own with how many test images
 * are done, the rate and the ETA; otherwise how many there were and the schedule.
 */
export function EvaluationLine({ state, info, unit, width }: EvaluationLineProps) {
  const m = evaluationLineModel(state, info, unit);
  if (m.fraction === undefined) {
    return (
      <Text color="gray" wrap="truncate-end">
        {m.text}
      </Text>
    );
  }
  const barWidth = Math.min(BAR_WIDTH.most, width - 1 - [...m.text].length);
  return (
    <Text wrap="truncate-end">
      {barWidth >= BAR_WIDTH.least ? (
        <Text color="yellow">{`${progressBar(m.fraction, barWidth)} `}</Text>
      ) : null}
      {m.text}
    </Text>
  );
}
