export { StatusLine } from './status-line.js';
export {
  initialStatusLineState,
  type Phase,
  type ReportStatus,
  type SaveStatus,
  type StatusLineState,
  statusLineReducer,
} from './status-line-reducer.js';
