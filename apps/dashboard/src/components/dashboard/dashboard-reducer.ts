import {
  type ConfusionMatrixState,
  confusionMatrixReducer,
  initialConfusionMatrixState,
} from '../confusion-matrix/confusion-matrix-reducer.js';
import {
  type DigitPanelsState,
  digitPanelsReducer,
  initialDigitPanelsState,
} from '../digit-panels/digit-panels-reducer.js';
import { type HeaderState, headerReducer, initialHeaderState } from '../header/header-reducer.js';
import {
  type HelpOverlayState,
  helpOverlayReducer,
  initialHelpOverlayState,
} from '../help-overlay/help-overlay-reducer.js';
import {
  initialMetricsPanelState,
  type MetricsPanelState,
  metricsPanelReducer,
} from '../metrics-panel/metrics-panel-reducer.js';
import {
  initialProgressPanelState,
  type ProgressPanelState,
  progressPanelReducer,
} from '../progress-panel/progress-panel-reducer.js';
import {
  initialStatusLineState,
  type StatusLineState,
  statusLineReducer,
} from '../status-line/status-line-reducer.js';
import type { DashboardAction } from './dashboard-action.js';

/** Terminal size in character cells. */
export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** The whole dashboard: the terminal size plus each component's state. */
export interface DashboardState {
  readonly size: TerminalSize;
  readonly header: HeaderState;
  readonly progress: ProgressPanelState;
  readonly metrics: MetricsPanelState;
  readonly matrix: ConfusionMatrixState;
  readonly status: StatusLineState;
  readonly help: HelpOverlayState;
  readonly digits: DigitPanelsState;
}

/** A fresh dashboard for a terminal of `size`. */
export function initialDashboardState(size: TerminalSize): DashboardState {
  return {
    size: sanitizeSize(size),
    header: initialHeaderState,
    progress: initialProgressPanelState,
    metrics: initialMetricsPanelState,
    matrix: initialConfusionMatrixState,
    status: initialStatusLineState,
    help: initialHelpOverlayState,
    digits: initialDigitPanelsState,
  };
}

/** The top-level reducer: unpacks batches, tracks the size, and lets each component reduce. */
export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  if (action.type === 'batch') return action.actions.reduce(dashboardReducer, state);
  if (action.type === 'resized') {
    const size = sanitizeSize(action);
    return size.columns === state.size.columns && size.rows === state.size.rows
      ? state
      : { ...state, size };
  }
  const next: DashboardState = {
    size: state.size,
    header: headerReducer(state.header, action),
    progress: progressPanelReducer(state.progress, action),
    metrics: metricsPanelReducer(state.metrics, action),
    matrix: confusionMatrixReducer(state.matrix, action),
    status: statusLineReducer(state.status, action),
    help: helpOverlayReducer(state.help, action),
    digits: digitPanelsReducer(state.digits, action),
  };
  // Keep the old object when nothing changed so React can skip the frame.
  const changed = (Object.keys(next) as (keyof DashboardState)[]).some((k) => next[k] !== state[k]);
  return changed ? next : state;
}

function sanitizeSize(size: TerminalSize): TerminalSize {
  // Pipes and some terminals report 0 or undefined; fall back to the classic 80×24.
  const columns = size.columns > 0 ? Math.floor(size.columns) : 80;
  const rows = size.rows > 0 ? Math.floor(size.rows) : 24;
  return { columns, rows };
}
