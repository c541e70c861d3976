import { useInput } from 'ink';
import type { Dispatch } from 'react';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** Key `?` toggles the help overlay; Escape closes it. */
export function useHelpOverlay(dispatch: Dispatch<DashboardAction>, isActive = true): void {
  useInput(
    (input, key) => {
      if (key.escape) {
        dispatch({ type: 'closeHelp' });
        return;
      }
      if (key.ctrl || key.meta) return;
      // Several keys can arrive in one chunk; each `?` toggles.
      for (const ch of input) if (ch === '?') dispatch({ type: 'toggleHelp' });
    },
    { isActive },
  );
}
