export { ConfusionMatrix, type ConfusionMatrixProps } from './confusion-matrix.js';
export {
  type ConfusionMatrixState,
  confusionMatrixReducer,
  type HeldOutPhase,
  heldOutPhase,
  initialConfusionMatrixState,
  type PartialEvaluation,
  shownSummary,
} from './confusion-matrix-reducer.js';
export { EvaluationLine, type EvaluationLineProps } from './evaluation-line.js';
export { useConfusionMatrix } from './use-confusion-matrix.js';
