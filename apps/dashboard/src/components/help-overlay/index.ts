export { useHelpOverlay } from './use-help-overlay.js';
export {
  type HelpOverlayState,
  helpOverlayReducer,
  initialHelpOverlayState,
} from './use-help-overlay-state.js';
export { HelpOverlay, KEY_HELP } from './view.js';
