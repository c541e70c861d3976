import type { ProgressUnit } from '@digitlab/core';
import {
  classificationReport,
  confusionMatrixFromCounts,
  formatClassificationReport,
} from '@digitlab/metrics';
import { type EvaluationSummary, type FitOutcome, unitWord } from '@digitlab/session';
import { formatPercent } from '../view-models/format-number.js';
import { statusModel } from '../view-models/status-model.js';
import { confusionTable } from './confusion-table.js';

/**
 * One line: how training ended, after how many of the plugin's steps (its unit) and evaluations
 * (in `evaluationsUnit`, the plugin's word for them: f-evals, batches), and how long.
 */
export function outcomeLine(
  outcome: FitOutcome,
  unit: ProgressUnit,
  evaluationsUnit = 'function evaluations',
): string {
  const status = statusModel({
    phase: 'finished',
    outcome,
    loadingMessage: '',
  });
  const evals =
    outcome.evaluations === undefined ? '' : `, ${outcome.evaluations} ${evaluationsUnit}`;
  const detail = status.detail === '' ? '' : ` — ${status.detail}`;
  return `${status.label} after ${outcome.steps} ${unitWord(unit, outcome.steps)}${evals}, ${outcome.fitSeconds.toFixed(2)} s of fitting${detail}`;
}

/** Accuracy, scikit-learn's classification report and the confusion matrix, as plain text. */
export function evaluationReport(
  summary: EvaluationSummary,
  classNames: readonly string[],
): string {
  const cm = confusionMatrixFromCounts(summary.counts, summary.numClasses);
  const report = classificationReport(cm, {
    classNames: [...classNames],
    digits: 4,
    zeroDivision: 0,
  });
  return [
    `accuracy ${formatPercent(summary.accuracy, 2)} (${trace(summary)} of ${summary.total})`,
    '',
    formatClassificationReport(report).trimEnd(),
    '',
    'confusion matrix (rows: true class, columns: predicted class)',
    confusionTable(summary.counts, classNames).trimEnd(),
  ].join('\n');
}

/** The report printed after a plain (non-TTY) training run. */
export function finalTrainingReport(
  outcome: FitOutcome,
  summary: EvaluationSummary | undefined,
  classNames: readonly string[],
  unit: ProgressUnit,
  evaluationsUnit?: string,
): string {
  const lines = [outcomeLine(outcome, unit, evaluationsUnit)];
  const accuracies = [
    outcome.trainAccuracy === undefined
      ? ''
      : `training accuracy ${formatPercent(outcome.trainAccuracy, 2)}`,
    outcome.testAccuracy === undefined
      ? ''
      : `test accuracy ${formatPercent(outcome.testAccuracy, 2)}`,
  ].filter((s) => s !== '');
  if (accuracies.length > 0) lines.push(accuracies.join(' · '));
  if (summary)
    lines.push('', 'held-out evaluation (test split)', evaluationReport(summary, classNames));
  return `${lines.join('\n')}\n`;
}

function trace(summary: EvaluationSummary): number {
  let t = 0;
  for (let i = 0; i < summary.numClasses; i++) t += summary.counts[i * summary.numClasses + i] ?? 0;
  return t;
}
