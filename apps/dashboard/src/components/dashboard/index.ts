export type { DashboardAction } from './dashboard-action.js';
export { type DashboardKeyHandlers, useDashboard } from './use-dashboard.js';
export {
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
  type TerminalSize,
} from './use-dashboard-state.js';
export { Dashboard, type DashboardProps } from './view.js';
