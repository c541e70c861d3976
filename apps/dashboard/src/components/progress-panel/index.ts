export {
  initialProgressPanelState,
  type ProgressPanelState,
  progressPanelReducer,
} from './use-progress-panel-state.js';
export { ProgressPanel, type ProgressPanelProps } from './view.js';
