export { HelpOverlay, KEY_HELP } from './help-overlay.js';
export {
  type HelpOverlayState,
  helpOverlayReducer,
  initialHelpOverlayState,
} from './help-overlay-reducer.js';
export { useHelpOverlay } from './use-help-overlay.js';
