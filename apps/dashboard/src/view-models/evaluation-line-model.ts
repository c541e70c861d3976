import type { EvaluatedSet, ProgressUnit } from '@digitlab/core';
import type { EvaluationProgress, SessionInfo } from '@digitlab/session';
import type { ConfusionMatrixState } from '../components/confusion-matrix/confusion-matrix-reducer.js';
import { formatDuration } from './format-duration.js';
import { formatCount } from './format-number.js';
import { unitLabel } from './progress-model.js';
import { scheduleText } from './schedule-text.js';

/** The parts of an evaluation in progress, for a dashboard line or a plain log line. */
export interface EvaluatingParts {
  /** "evaluating 3,072 / 10,000 test images"; of the training set "measuring training accuracy …" */
  readonly count: string;
  /** "1,234/s", or '–' before a rate is known. */
  readonly rate: string;
  /** "0:05", or '–' before a rate is known. */
  readonly eta: string;
}

/**
 * How far an evaluation is, in words: count, rate and ETA; of the held-out set (the test images),
 * or of the training set, predicted to measure the training accuracy.
 */
export function evaluatingParts(
  progress: EvaluationProgress,
  set: EvaluatedSet = 'held-out',
): EvaluatingParts {
  const { done, total, samplesPerSecond, etaSeconds } = progress;
  const count = `${formatCount(done)} / ${formatCount(total)}`;
  return {
    count:
      set === 'held-out'
        ? `evaluating ${count} test images`
        : `measuring training accuracy ${count} training images`,
    rate: samplesPerSecond === undefined ? '–' : `${formatCount(samplesPerSecond)}/s`,
    eta: formatDuration(etaSeconds),
  };
}

/** The held-out line of the dashboard: its text and, while evaluating, the share done. */
export interface EvaluationLineModel {
  readonly text: string;
  /** Share of the held-out set predicted, while an evaluation runs (for its bar). */
  readonly fraction?: number;
}

/**
 * The held-out line: how far the evaluation in progress is ("evaluating 3,072 / 10,000 test
 * images · 1,234/s · ETA 0:05"), or the training-accuracy pass after it; otherwise how many
 * evaluations there were, the last one's step and cost, and the schedule; before any, what the
 * schedule is.
 */
export function evaluationLineModel(
  state: ConfusionMatrixState,
  info: Pick<SessionInfo, 'nTest' | 'evalEvery'> | undefined,
  unit: ProgressUnit,
): EvaluationLineModel {
  const schedule = info === undefined ? '' : scheduleText(info.evalEvery, unit);
  // The training-accuracy pass follows the held-out evaluation; it is what runs while it lasts.
  if (state.measuring) {
    const p = evaluatingParts(state.measuring, 'training');
    return {
      text: `${p.count} · ${p.rate} · ETA ${p.eta}`,
      fraction: fractionDone(state.measuring),
    };
  }
  if (state.evaluating) {
    const { progress } = state.evaluating;
    const p = evaluatingParts(progress);
    return {
      text: `${p.count} · ${p.rate} · ETA ${p.eta}`,
      fraction: fractionDone(progress),
    };
  }
  const last = state.summary;
  if (!last) {
    if (info === undefined) return { text: 'held-out: –' };
    return { text: `held-out: ${formatCount(info.nTest)} test images, evaluated ${schedule}` };
  }
  const count = `${state.evaluations} evaluation${state.evaluations === 1 ? '' : 's'}`;
  const seconds = (last.elapsedMs / 1000).toFixed(2);
  const lastText = `the last at ${unitLabel(unit)} ${last.step} in ${seconds} s`;
  return { text: `held-out: ${[`${count}, ${lastText}`, schedule].filter((s) => s).join(' · ')}` };
}

function fractionDone({ done, total }: EvaluationProgress): number {
  return total === 0 ? 1 : done / total;
}
