import { formatParams, type TuningEvent } from '@digitlab/tuning';

/** What one fold of a setting is doing: waiting, fitting, or scored. */
export type FoldState = 'pending' | 'running' | number;

/** One row of the results table. */
export interface TuneRow {
  readonly label: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly folds: readonly FoldState[];
  readonly mean?: number;
  readonly std?: number;
  /** Fit seconds summed over the folds scored so far. */
  readonly fitSeconds: number;
}

/** Everything the tuning view shows, built from the engine's events alone. */
export interface TuneState {
  readonly phase: 'starting' | 'cross-validating' | 'refitting' | 'finished';
  readonly plugin?: string;
  readonly numSamples?: number;
  readonly folds: number;
  readonly concurrency?: number;
  readonly pathOption?: string;
  readonly rows: readonly TuneRow[];
  /** Index of the best row among those scored. */
  readonly best?: number;
  readonly trialsDone: number;
  readonly refit?: {
    readonly label: string;
    readonly fitSeconds?: number;
    readonly testAccuracy?: number;
  };
  readonly stopping: boolean;
  readonly stopReason?: 'completed' | 'aborted';
  readonly wallSeconds?: number;
}

/** What changes the view: the engine's events, and Ctrl-C. */
export type TuneAction = TuningEvent | { readonly type: 'interrupted' };

export const initialTuneState: TuneState = {
  phase: 'starting',
  folds: 0,
  rows: [],
  trialsDone: 0,
  stopping: false,
};

/** Fold the engine's events into the table, the best so far and the phase. */
export function tuneReducer(state: TuneState, action: TuneAction): TuneState {
  switch (action.type) {
    case 'started':
      return {
        ...state,
        phase: 'cross-validating',
        plugin: action.plugin,
        numSamples: action.numSamples,
        folds: action.folds,
        concurrency: action.concurrency,
        ...(action.pathOption === undefined ? {} : { pathOption: action.pathOption }),
        rows: action.settings.map((params) => ({
          label: labelOf(params),
          params,
          folds: Array.from({ length: action.folds }, () => 'pending' as const),
          fitSeconds: 0,
        })),
      };
    case 'trial-started':
      return withFold(state, action.setting, action.fold, 'running');
    case 'trial-finished': {
      const next = withFold(state, action.setting, action.fold, action.score);
      const rows = next.rows.map((row, i) =>
        i === action.setting ? { ...row, fitSeconds: row.fitSeconds + action.fitSeconds } : row,
      );
      return { ...next, rows, trialsDone: state.trialsDone + 1 };
    }
    case 'setting-scored': {
      const rows = state.rows.map((row, i) =>
        i === action.setting
          ? { ...row, mean: action.score.meanScore, std: action.score.stdScore }
          : row,
      );
      return { ...state, rows, best: action.best };
    }
    case 'refit-started':
      return { ...state, phase: 'refitting', refit: { label: labelOf(action.params) } };
    case 'refit-finished':
      return {
        ...state,
        refit: {
          label: state.refit?.label ?? '',
          fitSeconds: action.fitSeconds,
          ...(action.testAccuracy === undefined ? {} : { testAccuracy: action.testAccuracy }),
        },
      };
    case 'finished':
      return {
        ...state,
        phase: 'finished',
        stopReason: action.result.stopReason,
        wallSeconds: action.result.wallSeconds,
      };
    case 'interrupted':
      return { ...state, stopping: true };
    default:
      return state;
  }
}

function withFold(state: TuneState, setting: number, fold: number, value: FoldState): TuneState {
  return {
    ...state,
    rows: state.rows.map((row, i) =>
      i === setting ? { ...row, folds: row.folds.map((f, j) => (j === fold ? value : f)) } : row,
    ),
  };
}

/** A setting as a row label: the value alone for a one-option sweep, else `C=0.1, m=5`. */
function labelOf(params: Readonly<Record<string, unknown>>): string {
  const entries = Object.values(params);
  if (entries.length === 1) return formatParams(params).replace(/^[^=]*=/, '');
  return formatParams(params);
}
