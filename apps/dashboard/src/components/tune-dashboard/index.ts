export { TuneApp } from './tune-app.js';
export { TuneDashboard } from './tune-dashboard.js';
export {
  type FoldState,
  initialTuneState,
  type TuneAction,
  type TuneRow,
  type TuneState,
  tuneReducer,
} from './tune-reducer.js';
export { createTuneFeed, type TuneFeed, useTuneState } from './use-tune-state.js';
