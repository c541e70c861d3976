export { ConfusionMatrix, type ConfusionMatrixProps } from './confusion-matrix.js';
export {
  type ConfusionMatrixState,
  confusionMatrixReducer,
  initialConfusionMatrixState,
} from './confusion-matrix-reducer.js';
export { useConfusionMatrix } from './use-confusion-matrix.js';
