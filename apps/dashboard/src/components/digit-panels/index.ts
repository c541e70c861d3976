export { DigitPanel, type DigitPanelProps } from './digit-panel.js';
export {
  type DigitPanelKind,
  type DigitPanelsState,
  digitPanelsReducer,
  initialDigitPanelsState,
} from './digit-panels-reducer.js';
export { MistakesPanel, type MistakesPanelProps } from './mistakes-panel.js';
export { useDigitPanels } from './use-digit-panels.js';
export { WeightsPanel, type WeightsPanelProps } from './weights-panel.js';
