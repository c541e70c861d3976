export type { MemorySample } from './app/memory-sample.js';
export { main } from './cli/main.js';
export type { DashboardAction } from './components/dashboard/dashboard-action.js';
export {
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
  type TerminalSize,
} from './components/dashboard/dashboard-reducer.js';
export { PluginLoadError, UsageError } from './errors.js';
export { builtinPlugins, createAppRegistry, DEFAULT_CLASSIFIER } from './plugins.js';
