export {
  type ConfusionMatrixInput,
  type ConfusionMatrixOptions,
  confusionMatrixFigure,
} from './confusion-matrix-figure.js';
export type { Figure, RunLabel } from './figure.js';
export { FiguresError } from './figures-error.js';
export { FONT_FAMILY } from './font.js';
export { type ImageSetOptions, imageSetFigure } from './image-set-figure.js';
export {
  type LearningCurvesInput,
  type LearningCurvesOptions,
  learningCurvesFigure,
  type ProgressPoint,
  type StopMark,
} from './learning-curves-figure.js';
export {
  type MisclassifiedInput,
  type MisclassifiedOptions,
  misclassifiedFigure,
} from './misclassified-figure.js';
export {
  type ClassScoreRow,
  type ClassScores,
  type PerClassInput,
  perClassFigure,
} from './per-class-figure.js';
export { type Predictions, pickMisclassified } from './pick-misclassified.js';
export { type PngOptions, renderPng } from './render-png.js';
export {
  type ValidationCurveInput,
  type ValidationCurveOptions,
  type ValidationPoint,
  validationCurveFigure,
  validationCurveSpec,
} from './validation-curve-figure.js';
