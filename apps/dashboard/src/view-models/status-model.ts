import type { FitOutcome } from '@digitlab/session';
import type {
  ReportStatus,
  SaveStatus,
  StatusLineState,
} from '../components/status-line/status-line-reducer.js';

/** The kinds of status the brief names, each with its own colour. */
export type StatusKind =
  | 'loading'
  | 'running'
  | 'paused'
  | 'converged'
  | 'max-iter'
  | 'finished'
  | 'cancelled'
  | 'error'
  | 'quitting';

/** The status line's label, text and colour. */
export interface StatusModel {
  readonly kind: StatusKind;
  readonly label: string;
  readonly detail: string;
  readonly colour: string;
}

const COLOURS: Record<StatusKind, string> = {
  loading: 'cyan',
  running: 'cyan',
  paused: 'yellow',
  converged: 'green',
  'max-iter': 'yellow',
  finished: 'green',
  cancelled: 'yellow',
  error: 'red',
  quitting: 'gray',
};

/** Advice shown when the solver hit its iteration limit and the plugin gave none. */
export const DEFAULT_MAX_ITER_ADVICE =
  'increase --max-iter, loosen --tol, or scale the data (scikit-learn ConvergenceWarning)';

/** What the status line says for this state (its phase; saves and reports have their own text). */
export function statusModel(
  state: Pick<StatusLineState, 'phase' | 'loadingMessage' | 'outcome' | 'error'>,
): StatusModel {
  const make = (kind: StatusKind, label: string, detail = ''): StatusModel => ({
    kind,
    label,
    detail,
    colour: COLOURS[kind],
  });
  switch (state.phase) {
    case 'loading':
      return make('loading', 'loading', state.loadingMessage);
    case 'running':
      return make('running', 'running');
    case 'paused':
      return make('paused', 'paused', 'training suspended — press p to resume');
    case 'quitting':
      return make('quitting', 'quitting', 'stopping training…');
    case 'failed':
      return make('error', 'error', state.error ?? 'unknown error');
    case 'finished':
      return state.outcome ? outcomeStatus(state.outcome, make) : make('finished', 'finished');
  }
}

function outcomeStatus(
  outcome: FitOutcome,
  make: (kind: StatusKind, label: string, detail?: string) => StatusModel,
): StatusModel {
  if (outcome.stopReason === 'aborted') return make('cancelled', 'cancelled', outcome.message);
  if (outcome.converged) {
    // Plugins often start their message with the same word; say it once.
    return make('converged', 'converged', outcome.message.replace(/^converged:?\s*/i, ''));
  }
  if (outcome.stopReason === 'max-iter' || outcome.stopReason === 'max-eval') {
    return make(
      'max-iter',
      `stopped at max_iter (${outcome.steps})`,
      outcome.warning ?? DEFAULT_MAX_ITER_ADVICE,
    );
  }
  const detail = outcome.warning ? `${outcome.message} — ${outcome.warning}` : outcome.message;
  return make('finished', 'finished', detail);
}

/** One short phrase about the last save, or '' when nothing was saved. */
export function saveText(save: SaveStatus): string {
  switch (save.state) {
    case 'idle':
      return '';
    case 'saving':
      return `saving to ${save.dir}…`;
    case 'saved':
      return `saved to ${save.dir}`;
    case 'failed':
      return `save failed: ${save.message}`;
  }
}

/** One short phrase about the last report, or '' when none was asked for. */
export function reportText(report: ReportStatus): string {
  switch (report.state) {
    case 'idle':
      return '';
    case 'writing':
      return `writing the report to ${report.dir}…`;
    case 'written':
      return `report written to ${report.path}`;
    case 'failed':
      return `report failed: ${report.message}`;
  }
}
