import { Box, Text } from 'ink';
import { formatCount } from '../../view-models/format-number.js';
import { tuneTableLines } from '../../view-models/tune-table-model.js';
import { validationCurveText } from '../../view-models/validation-curve-text.js';
import type { TuneState } from './tune-reducer.js';

const CURVE_HEIGHT = 8;

/** The tuning view: what runs, the table filling in (best highlighted), the validation curve. */
export function TuneDashboard({ state, width }: { state: TuneState; width: number }) {
  const table = tuneTableLines(state);
  const totalTrials = state.rows.length * state.folds;
  const columnWidth = Math.max(
    5,
    Math.min(10, Math.floor((width - 10) / Math.max(1, state.rows.length))),
  );
  const curve = validationCurveText(
    state.rows.map((row) => ({
      label: row.label,
      ...(row.mean === undefined ? {} : { mean: row.mean }),
    })),
    {
      height: CURVE_HEIGHT,
      columnWidth,
      ...(state.best === undefined ? {} : { best: state.best }),
    },
  );
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color="cyan">
          digitlab tune
        </Text>{' '}
        {state.plugin === undefined
          ? 'preparing…'
          : `${state.plugin} · ${formatCount(state.numSamples ?? 0)} samples · ${state.folds}-fold CV · ${state.concurrency} in parallel${state.pathOption === undefined ? '' : ` · warm start along ${state.pathOption}`}`}
      </Text>
      <Text color="gray">
        trials {state.trialsDone}/{totalTrials}
        {state.stopping
          ? ' · stopping…'
          : state.phase === 'cross-validating'
            ? ' · Ctrl-C stops'
            : ''}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        <Text color="gray">{table.header}</Text>
        {table.rows.map((row, i) => (
          <Text
            key={state.rows[i]?.label ?? i}
            {...(row.best ? { color: 'green', bold: true } : {})}
          >
            {row.text}
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        <Text color="gray">
          validation curve: mean CV accuracy by {state.pathOption ?? 'setting'}
        </Text>
        <CurveLines lines={curve.lines} best={curve.best} />
      </Box>
      {state.refit ? (
        <Text>
          refit {state.refit.label} on all {formatCount(state.numSamples ?? 0)} samples
          {state.refit.fitSeconds === undefined
            ? '…'
            : `: ${state.refit.fitSeconds.toFixed(1)} s${state.refit.testAccuracy === undefined ? '' : `, test accuracy ${state.refit.testAccuracy.toFixed(4)}`}`}
        </Text>
      ) : null}
      {state.phase === 'finished' ? (
        <Text color="gray">
          {state.stopReason === 'aborted' ? 'stopped' : 'done'} in{' '}
          {(state.wallSeconds ?? 0).toFixed(1)} s
        </Text>
      ) : null}
    </Box>
  );
}

/** The curve's lines as one block, the best point's marker in green. */
function CurveLines({
  lines,
  best,
}: {
  lines: readonly string[];
  best?: { row: number; column: number };
}) {
  if (best === undefined) return <Text>{lines.join('\n')}</Text>;
  const line = lines[best.row] ?? '';
  const before = lines
    .slice(0, best.row)
    .map((l) => `${l}\n`)
    .join('');
  const after = lines
    .slice(best.row + 1)
    .map((l) => `\n${l}`)
    .join('');
  return (
    <Text>
      {before}
      {line.slice(0, best.column)}
      <Text color="green" bold>
        {line.slice(best.column, best.column + 1)}
      </Text>
      {line.slice(best.column + 1)}
      {after}
    </Text>
  );
}
