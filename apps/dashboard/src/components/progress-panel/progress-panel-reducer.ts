import type { ProgressPoint } from '@digitlab/session';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** The latest progress, enough for the bar, counters, rate and ETA. */
export interface ProgressPanelState {
  readonly total?: number;
  readonly latest?: ProgressPoint;
  /** Fit seconds from the finished event, which supersedes the last progress time. */
  readonly fitSeconds?: number;
}

export const initialProgressPanelState: ProgressPanelState = {};

/** Keeps the newest progress point and the step total. */
export function progressPanelReducer(
  state: ProgressPanelState,
  action: DashboardAction,
): ProgressPanelState {
  switch (action.type) {
    case 'started':
      return action.total === undefined ? {} : { total: action.total };
    case 'progress': {
      const total = action.point.total ?? state.total;
      return { ...state, latest: action.point, ...(total === undefined ? {} : { total }) };
    }
    case 'finished':
      return { ...state, fitSeconds: action.outcome.fitSeconds };
    default:
      return state;
  }
}
