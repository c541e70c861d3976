import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** Whether the key help covers the dashboard. */
export interface HelpOverlayState {
  readonly visible: boolean;
}

export const initialHelpOverlayState: HelpOverlayState = { visible: false };

/** `?` toggles the overlay; Escape closes it. */
export function helpOverlayReducer(
  state: HelpOverlayState,
  action: DashboardAction,
): HelpOverlayState {
  switch (action.type) {
    case 'toggleHelp':
      return { visible: !state.visible };
    case 'closeHelp':
      return state.visible ? { visible: false } : state;
    default:
      return state;
  }
}
