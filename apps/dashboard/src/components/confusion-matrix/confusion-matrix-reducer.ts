import type { EvaluationSummary } from '@digitlab/session';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** The latest held-out evaluation and how its cells are written. */
export interface ConfusionMatrixState {
  readonly summary?: EvaluationSummary;
  /** Row-normalized fractions instead of counts (key `n`). */
  readonly normalized: boolean;
}

export const initialConfusionMatrixState: ConfusionMatrixState = { normalized: false };

/** Replaces the matrix on each evaluation; toggles counts ↔ row-normalized values. */
export function confusionMatrixReducer(
  state: ConfusionMatrixState,
  action: DashboardAction,
): ConfusionMatrixState {
  switch (action.type) {
    case 'evaluated':
      return { ...state, summary: action.summary };
    case 'toggleNormalized':
      return { ...state, normalized: !state.normalized };
    default:
      return state;
  }
}
