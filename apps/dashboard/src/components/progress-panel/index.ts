export { ProgressPanel, type ProgressPanelProps } from './progress-panel.js';
export {
  initialProgressPanelState,
  type ProgressPanelState,
  progressPanelReducer,
} from './progress-panel-reducer.js';
