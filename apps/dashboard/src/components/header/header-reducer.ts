import type { ProgressUnit } from '@digitlab/core';
import type { SessionInfo } from '@digitlab/session';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** What the header shows: nothing until the session has started. */
export interface HeaderState {
  readonly info?: SessionInfo;
  readonly unit: ProgressUnit;
  readonly total?: number;
}

export const initialHeaderState: HeaderState = { unit: 'iteration' };

/** Records the session's description when training starts. */
export function headerReducer(state: HeaderState, action: DashboardAction): HeaderState {
  if (action.type !== 'started') return state;
  return {
    info: action.info,
    unit: action.unit,
    ...(action.total === undefined ? {} : { total: action.total }),
  };
}
