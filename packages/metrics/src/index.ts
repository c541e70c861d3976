export { accuracy } from './accuracy.js';
export { balancedAccuracy } from './balanced-accuracy.js';
export {
  type ClassificationReport,
  type ClassificationReportOptions,
  type ClassReportRow,
  classificationReport,
} from './classification-report.js';
export { type CohenKappaOptions, cohenKappa, type KappaWeights } from './cohen-kappa.js';
export { ConfusionMatrix } from './confusion-matrix.js';
export { type CountsInput, confusionMatrixFromCounts } from './confusion-matrix-from-counts.js';
export { type ConfusionMatrixOptions, confusionMatrix } from './confusion-matrix-from-labels.js';
export { formatClassificationReport } from './format-classification-report.js';
export { formatFixed } from './format-fixed.js';
export { type LogLossOptions, logLoss } from './log-loss.js';
export { matthewsCorrcoef } from './matthews-corrcoef.js';
export { MetricsError, type MetricsErrorDetails } from './metrics-error.js';
export {
  type ConfusedPair,
  type MostConfusedPairsOptions,
  mostConfusedPairs,
} from './most-confused-pairs.js';
export { normalizeConfusion } from './normalize-confusion.js';
export type { NormalizeMode } from './normalize-mode.js';
export {
  type AveragedScores,
  type PrecisionRecallFscoreOptions,
  type PrecisionRecallFscoreSupport,
  precisionRecallFscoreSupport,
} from './precision-recall-fscore-support.js';
export { topKAccuracy } from './top-k-accuracy.js';
export type { Labels, ScoreMatrix } from './types.js';
export type { ZeroDivision, ZeroDivisionWarning } from './zero-division.js';
