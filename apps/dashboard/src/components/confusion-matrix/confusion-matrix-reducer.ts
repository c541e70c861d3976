import type { EvaluationProgress, EvaluationSummary } from '@digitlab/session';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** A held-out evaluation in progress: how far it has got, and the matrix of the samples done. */
export interface PartialEvaluation {
  readonly progress: EvaluationProgress;
  readonly summary: EvaluationSummary;
}

/** The held-out evaluations so far and how the matrix cells are written. */
export interface ConfusionMatrixState {
  /** The latest complete evaluation. */
  readonly summary?: EvaluationSummary;
  /** The evaluation being predicted now, batch by batch. */
  readonly evaluating?: PartialEvaluation;
  /**
   * The training set being predicted right after an evaluation, to measure a training accuracy
   * the plugin does not report: how far (the held-out line shows it; the matrix is unchanged).
   */
  readonly measuring?: EvaluationProgress;
  /** Complete evaluations so far. */
  readonly evaluations: number;
  /** Row-normalized fractions instead of counts (key `n`). */
  readonly normalized: boolean;
}

/**
 * Where the held-out evaluation is: none yet (waiting), one in progress (its partial matrix on
 * show), or the latest complete.
 */
export type HeldOutPhase = 'waiting' | 'evaluating' | 'complete';

export const initialConfusionMatrixState: ConfusionMatrixState = {
  evaluations: 0,
  normalized: false,
};

/**
 * Fills the matrix in while an evaluation runs, replaces it with each complete one, and toggles
 * counts ↔ row-normalized values. An evaluation cut short (cancel, failure) leaves the last
 * complete one.
 */
export function confusionMatrixReducer(
  state: ConfusionMatrixState,
  action: DashboardAction,
): ConfusionMatrixState {
  switch (action.type) {
    case 'evaluating':
      return { ...state, evaluating: { progress: action.progress, summary: action.partial } };
    case 'measuringTrainAccuracy':
      return { ...state, measuring: action.progress };
    case 'evaluated': {
      const { evaluating: _, measuring: __, ...rest } = state;
      return { ...rest, summary: action.summary, evaluations: state.evaluations + 1 };
    }
    case 'progress': {
      // The step's progress comes once its training accuracy is known.
      if (!state.measuring) return state;
      const { measuring: _, ...rest } = state;
      return rest;
    }
    case 'finished':
    case 'failed': {
      if (!state.evaluating && !state.measuring) return state;
      const { evaluating: _, measuring: __, ...rest } = state;
      return rest;
    }
    case 'toggleNormalized':
      return { ...state, normalized: !state.normalized };
    default:
      return state;
  }
}

/** Which of waiting, evaluating and complete the held-out evaluation is in. */
export function heldOutPhase(state: ConfusionMatrixState): HeldOutPhase {
  return state.evaluating ? 'evaluating' : state.summary ? 'complete' : 'waiting';
}

/**
 * The evaluation the panels show: the one in progress (partial), otherwise the latest complete one,
 * so the matrix, its scores and the most-confused pairs always describe the same predictions.
 */
export function shownSummary(state: ConfusionMatrixState): EvaluationSummary | undefined {
  return state.evaluating?.summary ?? state.summary;
}
