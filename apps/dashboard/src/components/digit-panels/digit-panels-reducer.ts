import type { MistakeSample, ModelImages } from '@digitlab/session';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** Which digit panel covers the confusion matrix: the model's weights (`w`) or its mistakes (`m`). */
export type DigitPanelKind = 'weights' | 'mistakes';

/** The latest pictures from the session, and the panel shown, if any. */
export interface DigitPanelsState {
  readonly shown?: DigitPanelKind;
  readonly images?: ModelImages;
  readonly mistakes?: MistakeSample;
}

export const initialDigitPanelsState: DigitPanelsState = {};

/**
 * Keeps the latest images and mistakes; `w` and `m` each show their panel, or hide it when it is
 * already shown (one panel at a time: both want the matrix's room).
 */
export function digitPanelsReducer(
  state: DigitPanelsState,
  action: DashboardAction,
): DigitPanelsState {
  switch (action.type) {
    case 'images':
      return { ...state, images: action.images };
    case 'mistakes':
      return { ...state, mistakes: action.sample };
    case 'toggleWeights':
      return toggle(state, 'weights');
    case 'toggleMistakes':
      return toggle(state, 'mistakes');
    default:
      return state;
  }
}

function toggle(state: DigitPanelsState, kind: DigitPanelKind): DigitPanelsState {
  if (state.shown === kind) {
    const { shown: _, ...rest } = state;
    return rest;
  }
  return { ...state, shown: kind };
}
