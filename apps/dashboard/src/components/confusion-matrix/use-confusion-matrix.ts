import { useInput } from 'ink';
import type { Dispatch } from 'react';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** Key `n`: switch the cells between counts and row-normalized values. */
export function useConfusionMatrix(dispatch: Dispatch<DashboardAction>, isActive = true): void {
  useInput(
    (input, key) => {
      if (key.ctrl || key.meta) return;
      // Several keys can arrive in one chunk; each `n` toggles.
      for (const ch of input) if (ch === 'n') dispatch({ type: 'toggleNormalized' });
    },
    { isActive },
  );
}
