import type { ProgressUnit } from '@digitlab/core';
import type { ProgressPanelState } from '../components/progress-panel/progress-panel-reducer.js';
import { formatDuration } from './format-duration.js';
import { formatRate } from './format-number.js';
import { progressBar } from './progress-bar.js';
import { etaSeconds, stepsPerSecond } from './training-rate.js';

const UNIT_SHORT: Record<ProgressUnit, string> = {
  iteration: 'iter',
  epoch: 'epoch',
  step: 'step',
};

/** A unit as short labels write it: `iter 40`, `epoch 3`, `12/50 step`. */
export function unitLabel(unit: ProgressUnit): string {
  return UNIT_SHORT[unit];
}
const RATE_UNIT: Record<ProgressUnit, string> = {
  iteration: 'it/s',
  epoch: 'epoch/s',
  step: 'step/s',
};

/** The progress line's parts, so views can lay them out in one line or several. */
export interface ProgressModel {
  readonly bar: string;
  /** Share of the steps done (1 once finished), for a bar of another width. */
  readonly fraction: number | undefined;
  /** "123/500 iter" */
  readonly count: string;
  /** "141 f-evals", "250 batches" (the plugin's unit), or '' when the plugin counts none. */
  readonly evaluations: string;
  readonly rate: string;
  readonly elapsed: string;
  readonly eta: string;
}

/** The compact progress line's text after the bar. */
export function progressText(m: ProgressModel): string {
  const counters = [m.count, m.evaluations].filter((s) => s !== '').join(' · ');
  return `${counters} · ${m.rate} · ${m.elapsed} · ETA ${m.eta}`;
}

/** What a plugin's `evaluations` count when it does not say: objective function evaluations. */
export const DEFAULT_EVALUATIONS_UNIT = 'f-evals';

/**
 * Bar, counters, rate, elapsed and ETA from the latest progress; the plugin's evaluations in its
 * own unit (`evaluationsUnit`, from its start event).
 */
export function progressModel(
  state: ProgressPanelState,
  unit: ProgressUnit,
  barWidth: number,
  finished: boolean,
  evaluationsUnit: string = DEFAULT_EVALUATIONS_UNIT,
): ProgressModel {
  const latest = state.latest;
  const step = latest?.step ?? 0;
  const total = state.total;
  const elapsedMs =
    state.fitSeconds !== undefined ? state.fitSeconds * 1000 : (latest?.elapsedMs ?? 0);
  // A converged fit is complete even though it stopped before max_iter.
  const fraction = finished ? 1 : total ? step / total : undefined;
  const rate = stepsPerSecond(step, elapsedMs);
  return {
    bar: progressBar(fraction, barWidth),
    fraction,
    count: `${step}${total === undefined ? '' : `/${total}`} ${UNIT_SHORT[unit]}`,
    evaluations:
      latest?.evaluations === undefined ? '' : `${latest.evaluations} ${evaluationsUnit}`,
    rate: `${formatRate(rate)} ${RATE_UNIT[unit]}`,
    elapsed: formatDuration(elapsedMs / 1000),
    eta: finished ? 'done' : formatDuration(etaSeconds(step, total, elapsedMs)),
  };
}
