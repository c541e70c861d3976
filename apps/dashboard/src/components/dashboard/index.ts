export { Dashboard, type DashboardProps } from './dashboard.js';
export type { DashboardAction } from './dashboard-action.js';
export {
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
  type TerminalSize,
} from './dashboard-reducer.js';
export { type DashboardKeyHandlers, useDashboard } from './use-dashboard.js';
