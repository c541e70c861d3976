import type { FitOutcome } from '@digitlab/session';
import type { MemorySample } from '../../app/memory-sample.js';
import type { DashboardAction } from '../dashboard/dashboard-action.js';

/** Where the session is in its life. */
export type Phase = 'loading' | 'running' | 'paused' | 'finished' | 'failed' | 'quitting';

/** The last save the user asked for. */
export type SaveStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'saving'; readonly dir: string }
  | { readonly state: 'saved'; readonly dir: string }
  | { readonly state: 'failed'; readonly dir: string; readonly message: string };

/** The last report the user asked for. */
export type ReportStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'writing'; readonly dir: string }
  | { readonly state: 'written'; readonly dir: string; readonly path: string }
  | { readonly state: 'failed'; readonly dir: string; readonly message: string };

/** What the status line reports. */
export interface StatusLineState {
  readonly phase: Phase;
  readonly loadingMessage: string;
  readonly outcome?: FitOutcome;
  readonly error?: string;
  readonly save: SaveStatus;
  readonly report: ReportStatus;
  readonly memory?: MemorySample;
}

export const initialStatusLineState: StatusLineState = {
  phase: 'loading',
  loadingMessage: 'starting…',
  save: { state: 'idle' },
  report: { state: 'idle' },
};

/** Follows the session's phase, saves, reports and memory samples. */
export function statusLineReducer(
  state: StatusLineState,
  action: DashboardAction,
): StatusLineState {
  switch (action.type) {
    case 'loading':
      return { ...state, phase: 'loading', loadingMessage: action.message };
    case 'started':
      return { ...state, phase: 'running' };
    case 'paused':
      return state.phase === 'running' ? { ...state, phase: 'paused' } : state;
    case 'resumed':
      return state.phase === 'paused' ? { ...state, phase: 'running' } : state;
    case 'finished':
      return { ...state, phase: 'finished', outcome: action.outcome };
    case 'failed':
      return { ...state, phase: 'failed', error: action.message };
    case 'quitting':
      return { ...state, phase: 'quitting' };
    case 'saving':
      return { ...state, save: { state: 'saving', dir: action.dir } };
    case 'saved':
      return { ...state, save: { state: 'saved', dir: action.dir } };
    case 'saveFailed':
      return { ...state, save: { state: 'failed', dir: action.dir, message: action.message } };
    case 'reporting':
      return { ...state, report: { state: 'writing', dir: action.dir } };
    case 'reported':
      return { ...state, report: { state: 'written', dir: action.dir, path: action.path } };
    case 'reportFailed':
      return { ...state, report: { state: 'failed', dir: action.dir, message: action.message } };
    case 'memory':
      return { ...state, memory: action.sample };
    default:
      return state;
  }
}
