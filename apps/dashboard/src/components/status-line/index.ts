export {
  initialStatusLineState,
  type Phase,
  type SaveStatus,
  type StatusLineState,
  statusLineReducer,
} from './use-status-line-state.js';
export { StatusLine } from './view.js';
