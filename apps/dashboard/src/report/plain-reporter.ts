import type { EvaluatedSet } from '@digitlab/core';
import type { EvaluationProgress, ProgressPoint, SessionEvent } from '@digitlab/session';
import { evaluatingParts } from '../view-models/evaluation-line-model.js';
import { formatPercent, formatRate, formatValue } from '../view-models/format-number.js';
import { headerLines } from '../view-models/header-model.js';
import { unitLabel } from '../view-models/progress-model.js';
import { stepsPerSecond } from '../view-models/training-rate.js';
import { createEvaluationThrottle } from './evaluation-throttle.js';

/**
 * Turn session events into plain progress lines for a pipe or a log file: no escape codes, one
 * line per held-out evaluation (as --eval-every schedules them) rather than per step, and for an
 * evaluation (or a training-accuracy pass) that takes a while one line a second on how far it is.
 */
export function plainReporter(write: (line: string) => void): (event: SessionEvent) => void {
  let last: ProgressPoint | undefined;
  let unit = 'iter';
  const due = createEvaluationThrottle();
  const trainDue = createEvaluationThrottle();
  return (event) => {
    switch (event.type) {
      case 'evaluating':
        if (due(event.progress)) write(evaluatingLine(event.progress));
        break;
      case 'measuringTrainAccuracy':
        if (trainDue(event.progress)) write(evaluatingLine(event.progress, 'training'));
        break;
      case 'loading':
        write(event.message);
        break;
      case 'started':
        unit = unitLabel(event.unit);
        for (const line of headerLines(event.info)) write(`${line.label.padEnd(9)} ${line.text}`);
        break;
      case 'progress':
        last = event.point;
        break;
      case 'evaluated':
        write(progressLine(last, unit, event.summary.accuracy));
        break;
      case 'saved':
        write(`model saved to ${event.dir}`);
        break;
      case 'saveFailed':
        write(`could not save the model to ${event.dir}: ${event.message}`);
        break;
      case 'checkpointed':
        write(`checkpoint after ${unit} ${event.step} written to ${event.dir}`);
        break;
      case 'checkpointFailed':
        write(`could not write the checkpoint to ${event.dir}: ${event.message}`);
        break;
      case 'reported':
        write(
          `report written to ${event.path}${event.note === undefined ? '' : ` (${event.note})`}`,
        );
        break;
      case 'reportFailed':
        write(`could not write the report to ${event.dir}: ${event.message}`);
        break;
      default:
        break;
    }
  };
}

/**
 * "evaluating 3,072 / 10,000 test images (1,234/s, ETA 0:05)", or for the training-accuracy pass
 * "measuring training accuracy 3,072 / 20,000 training images (…)".
 */
export function evaluatingLine(
  progress: EvaluationProgress,
  set: EvaluatedSet = 'held-out',
): string {
  const p = evaluatingParts(progress, set);
  return `${p.count} (${p.rate}, ETA ${p.eta})`;
}

/** "iter  10/500  objective 0.4123  |grad| 0.0121  train 89.10%  test 88.70%  12.3 it/s" */
export function progressLine(
  point: ProgressPoint | undefined,
  unit: string,
  testAccuracy?: number,
): string {
  if (!point) return `${unit} 0  test ${formatPercent(testAccuracy, 2)}`;
  const total = point.total === undefined ? '' : `/${point.total}`;
  const width = point.total === undefined ? 0 : String(point.total).length;
  const parts = [`${unit} ${String(point.step).padStart(width)}${total}`];
  if (point.objective !== undefined) parts.push(`objective ${formatValue(point.objective, 5)}`);
  if (point.gradientNorm !== undefined) parts.push(`|grad| ${formatValue(point.gradientNorm, 4)}`);
  if (point.trainAccuracy !== undefined)
    parts.push(`train ${formatPercent(point.trainAccuracy, 2)}`);
  if (testAccuracy !== undefined) parts.push(`test ${formatPercent(testAccuracy, 2)}`);
  parts.push(`${formatRate(stepsPerSecond(point.step, point.elapsedMs))} ${unit}/s`);
  return parts.join('  ');
}
