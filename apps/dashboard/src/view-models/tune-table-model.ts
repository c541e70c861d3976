import type { TuneState } from '../components/tune-dashboard/tune-reducer.js';

/** One line of the tuning table and whether it is the best setting so far. */
export interface TuneTableLine {
  readonly text: string;
  readonly best: boolean;
}

/** Marks of a fold's state: scored, fitting, waiting. */
const FOLD_MARK = { scored: '●', running: '◐', pending: '·' } as const;

/**
 * The results table: a header, then per setting its label, mean ± std once every fold is in,
 * one mark per fold, and the fit seconds so far.
 */
export function tuneTableLines(state: TuneState): { header: string; rows: TuneTableLine[] } {
  const labelWidth = Math.max(
    state.pathOption?.length ?? 7,
    7,
    ...state.rows.map((row) => row.label.length),
  );
  const foldWidth = Math.max(5, state.folds);
  const header = `  ${(state.pathOption ?? 'setting').padEnd(labelWidth)}  ${'mean ± std'.padEnd(17)}  ${'folds'.padEnd(foldWidth)}  fit s`;
  const rows = state.rows.map((row, i) => {
    const score =
      row.mean === undefined || row.std === undefined
        ? ''
        : `${row.mean.toFixed(4)} ± ${row.std.toFixed(4)}`;
    const folds = row.folds
      .map((f) => (typeof f === 'number' ? FOLD_MARK.scored : FOLD_MARK[f]))
      .join('');
    const best = i === state.best;
    const seconds = row.fitSeconds > 0 ? row.fitSeconds.toFixed(1).padStart(5) : '';
    return {
      text: `${best ? '★' : ' '} ${row.label.padEnd(labelWidth)}  ${score.padEnd(17)}  ${folds.padEnd(foldWidth)}  ${seconds}`,
      best,
    };
  });
  return { header, rows };
}
