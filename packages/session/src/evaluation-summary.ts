import type { HeldOutEvaluation } from '@digitlab/core';
import {
  confusionMatrix,
  mostConfusedPairs,
  precisionRecallFscoreSupport,
} from '@digitlab/metrics';
import type { EvaluationSummary } from './session-events.js';

/** How many confused pairs a summary keeps; the views show fewer when space is short. */
export const CONFUSED_PAIRS_KEPT = 10;

/** Confusion matrix, per-class scores and the worst confusions of one held-out evaluation. */
export function summarizeEvaluation(evaluation: HeldOutEvaluation): EvaluationSummary {
  const cm = confusionMatrix(evaluation.labels, evaluation.predictions, evaluation.numClasses);
  // Ill-defined scores (a class never predicted early in training) are 0, silently: the dashboard
  // refreshes too often for warnings to be useful.
  const scores = precisionRecallFscoreSupport(cm, { zeroDivision: 0 });
  const counts = cm.rawCounts;
  let correct = 0;
  for (let i = 0; i < cm.numClasses; i++) correct += counts[i * cm.numClasses + i] as number;
  return {
    step: evaluation.step,
    accuracy: cm.total === 0 ? 0 : correct / cm.total,
    numClasses: cm.numClasses,
    counts,
    total: cm.total,
    perClass: Array.from({ length: cm.numClasses }, (_, c) => ({
      precision: scores.precision[c] as number,
      recall: scores.recall[c] as number,
      f1: scores.f1[c] as number,
      support: scores.support[c] as number,
    })),
    macroF1: scores.macro.f1,
    confusedPairs: mostConfusedPairs(cm, { top: CONFUSED_PAIRS_KEPT }).map((p) => ({
      trueClass: p.trueClass,
      predictedClass: p.predictedClass,
      count: p.count,
      rate: p.rate,
    })),
    elapsedMs: evaluation.elapsedMs,
  };
}
