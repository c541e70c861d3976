import { useInput } from 'ink';
import type { Dispatch } from 'react';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** Keys `w` (the model's weights) and `m` (misclassified test samples) toggle the digit panels. */
export function useDigitPanels(dispatch: Dispatch<DashboardAction>, isActive = true): void {
  useInput(
    (input, key) => {
      if (key.ctrl || key.meta) return;
      // Several keys can arrive in one chunk; each toggles in turn.
      for (const ch of input) {
        if (ch === 'w') dispatch({ type: 'toggleWeights' });
        else if (ch === 'm') dispatch({ type: 'toggleMistakes' });
      }
    },
    { isActive },
  );
}
