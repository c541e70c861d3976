import type { SessionEvent } from '@digitlab/session';
import type { MemorySample } from '../../app/memory-sample.js';

/**
 * Everything that changes the dashboard: the training session's events (used as actions as they
 * are), memory samples, terminal resizes and keys. Each component's reducer picks the actions it
 * cares about and ignores the rest.
 */
export type DashboardAction =
  | SessionEvent
  | { readonly type: 'memory'; readonly sample: MemorySample }
  | { readonly type: 'quitting' }
  | { readonly type: 'resized'; readonly columns: number; readonly rows: number }
  | { readonly type: 'toggleNormalized' }
  | { readonly type: 'toggleWeights' }
  | { readonly type: 'toggleMistakes' }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'closeHelp' }
  /** Several actions coalesced into one dispatch, so a burst of events costs one frame. */
  | { readonly type: 'batch'; readonly actions: readonly DashboardAction[] };
