export { useConfusionMatrix } from './use-confusion-matrix.js';
export {
  type ConfusionMatrixState,
  confusionMatrixReducer,
  initialConfusionMatrixState,
} from './use-confusion-matrix-state.js';
export { ConfusionMatrix, type ConfusionMatrixProps } from './view.js';
