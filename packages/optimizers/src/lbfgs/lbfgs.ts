import { InvalidArgumentError, NonFiniteError } from '../errors.js';
import { readObjectiveOutput } from '../evaluate-objective.js';
import { formatNumber } from '../format-number.js';
import {
  type LineSample,
  type LineSearchResult,
  runLineSearch,
} from '../line-search/strong-wolfe-line-search.js';
import type { Objective } from '../objective.js';
import { progressReads } from '../progress-reads.js';
import { type LbfgsStopReason, StopReason } from '../stop-reason.js';
import {
  dot,
  firstNonFinite,
  G_MAX,
  GG,
  norm2,
  normInf,
  SS,
  SY,
  secantPair,
  stepInto,
  YY,
} from '../vector-ops.js';
import { LbfgsHistory } from './lbfgs-history.js';
import { type LbfgsOptions, resolveLbfgsOptions } from './lbfgs-options.js';
import type { IterationProgress, OptimizeResult } from './lbfgs-result.js';
import { type LbfgsState, restoreLbfgsState, saveLbfgsState } from './lbfgs-state.js';

/**
 * Minimizes a smooth objective with L-BFGS and a strong-Wolfe (Moré–Thuente) line search, yielding
 * progress after every iteration and returning the result; pause by not pulling, stop with
 * `options.signal`. `start` is x0 (never modified) or a state saved from an earlier run.
 */
export async function* lbfgs(
  objective: Objective,
  start: Float64Array | LbfgsState,
  options: LbfgsOptions = {},
): AsyncGenerator<IterationProgress, OptimizeResult, undefined> {
  if (typeof objective !== 'function') {
    throw new InvalidArgumentError('objective', 'a function (x) => { value, gradient }', objective);
  }
  const resuming = !(start instanceof Float64Array);
  const savedHistorySize =
    resuming && typeof start === 'object' && start !== null
      ? (start as { historySize?: unknown }).historySize
      : undefined;
  const o = resolveLbfgsOptions({
    ...options,
    historySize:
      options.historySize ?? (typeof savedHistorySize === 'number' ? savedHistorySize : undefined),
  });
  const { signal, onProgress } = options;
  const startTime = performance.now();

  let n: number;
  let x: Float64Array;
  let g: Float64Array;
  let f: number;
  let previous: number | null;
  let iteration: number;
  let evaluations: number;
  let priorElapsed: number;
  let skippedUpdates: number;
  let restarts: number;
  let history: LbfgsHistory;
  // The objective receives this scratch copy, so whatever it does to its argument cannot reach x.
  let arg: Float64Array;

  if (!resuming) {
    const x0 = start;
    n = x0.length;
    if (n === 0) {
      throw new InvalidArgumentError('x0', 'a Float64Array with at least one entry', x0);
    }
    const bad = firstNonFinite(x0);
    if (bad >= 0) throw new NonFiniteError(`x0[${bad}]`, x0[bad]!, 'the starting point');
    x = new Float64Array(x0);
    g = new Float64Array(n);
    arg = new Float64Array(x0);
    const where = 'at x0, evaluation 1';
    const e = await readObjectiveOutput(objective(arg), g, () => where);
    if (!Number.isFinite(e.value)) throw new NonFiniteError('the objective value', e.value, where);
    if (!e.finite) {
      const i = firstNonFinite(g);
      throw new NonFiniteError(`gradient[${i}]`, g[i]!, where);
    }
    f = e.value;
    previous = null;
    iteration = 0;
    evaluations = 1;
    priorElapsed = 0;
    skippedUpdates = 0;
    restarts = 0;
    history = new LbfgsHistory(o.historySize, n);
  } else {
    const restored = restoreLbfgsState(start, o.historySize);
    x = restored.x;
    g = restored.gradient;
    n = x.length;
    f = restored.value;
    previous = restored.previousValue;
    iteration = restored.iteration;
    evaluations = restored.evaluations;
    priorElapsed = restored.elapsedMs;
    skippedUpdates = restored.skippedUpdates;
    restarts = restored.restarts;
    history = restored.history;
    arg = new Float64Array(n);
  }

  let xTrial: Float64Array = new Float64Array(n);
  let gTrial: Float64Array = new Float64Array(n);
  // The best trial of the current line search, kept by swapping buffers (no copy) because the
  // search may stop at it without evaluating it again; swapping back makes it the trial again.
  let xBest: Float64Array = new Float64Array(n);
  let gBest: Float64Array = new Float64Array(n);
  const swapTrialAndBest = (): void => {
    [xBest, xTrial] = [xTrial, xBest];
    [gBest, gTrial] = [gTrial, gBest];
  };
  const d = new Float64Array(n);
  const stats = new Float64Array(5);
  let gInf = normInf(g);
  let g2 = norm2(g);
  const elapsed = (): number => priorElapsed + (performance.now() - startTime);
  const where = (): string => `evaluation ${evaluations + 1}, iteration ${iteration + 1}`;
  const phi = async (step: number): Promise<LineSample> => {
    stepInto(x, step, d, xTrial, arg);
    const e = await readObjectiveOutput(objective(arg), gTrial, where, d);
    evaluations++;
    return e.finite
      ? { value: e.value, derivative: e.derivative }
      : { value: Number.NaN, derivative: Number.NaN };
  };

  const snapshot = (): LbfgsState =>
    saveLbfgsState({
      x,
      value: f,
      previousValue: previous,
      gradient: g,
      iteration,
      evaluations,
      elapsedMs: elapsed(),
      skippedUpdates,
      restarts,
      history,
    });
  const finish = (
    stopReason: LbfgsStopReason,
    message: string,
    warning?: string,
  ): OptimizeResult => ({
    x: x.slice(),
    value: f,
    gradient: g.slice(),
    gradientNorm: gInf,
    gradientNorm2: g2,
    iterations: iteration,
    evaluations,
    stopReason,
    converged: stopReason === StopReason.Gtol || stopReason === StopReason.Ftol,
    message,
    ...(warning === undefined ? {} : { warning }),
    skippedUpdates,
    restarts,
    elapsedMs: elapsed(),
    state: snapshot(),
  });
  const gradientSummary = (): string =>
    `max |g_i| = ${formatNumber(gInf)} > gtol ${formatNumber(o.gtol)}, f = ${formatNumber(f)}`;

  const ftolMessage = (reduction: number): string =>
    `converged: relative reduction (f_k − f_k+1) / max(|f_k|, |f_k+1|, 1) = ${formatNumber(reduction)} ` +
    `≤ ftol ${formatNumber(o.ftol)} at iteration ${iteration} (max |g_i| = ${formatNumber(gInf)})`;

  // Checked here too so that a run resumed from a state saved at its last iteration stops as the
  // uninterrupted run did.
  if (gInf <= o.gtol) return finish(StopReason.Gtol, gtolMessage(gInf, o.gtol, iteration));
  if (previous !== null) {
    const reduction = relativeReduction(previous, f);
    if (reduction <= o.ftol) return finish(StopReason.Ftol, ftolMessage(reduction));
  }

  let retrying = false;
  for (;;) {
    if (signal?.aborted) {
      return finish(
        StopReason.Aborted,
        `aborted by the AbortSignal after ${iteration} iterations (${evaluations} evaluations); ` +
          `x is the last accepted iterate (${gradientSummary()})`,
      );
    }
    if (iteration >= o.maxIter) {
      return finish(
        StopReason.MaxIter,
        `stopped: reached maxIter = ${o.maxIter} iterations with ${gradientSummary()}`,
        `lbfgs failed to converge after ${iteration} iterations (${gradientSummary()}): ` +
          'increase maxIter, scale the data (e.g. standardize features) or the parameters to order 1, ' +
          'or loosen gtol/ftol',
      );
    }
    if (evaluations >= o.maxEval) {
      return finish(
        StopReason.MaxEval,
        `stopped: reached maxEval = ${o.maxEval} objective evaluations after ${iteration} iterations with ${gradientSummary()}`,
        `lbfgs failed to converge within ${o.maxEval} objective evaluations (${gradientSummary()}): ` +
          'increase maxEval, scale the data or the parameters to order 1, or loosen gtol/ftol',
      );
    }

    let slope = history.direction(g, d);
    if (!(slope < 0)) {
      // Rounding can make −H·g fail to descend; steepest descent always does.
      history.clear();
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = -g2 * g2;
    }
    // As scipy: the first step along steepest descent has unit length, later ones α = 1.
    const firstStep =
      history.size === 0 ? Math.min(1 / Math.sqrt(dot(d, d)), o.lineSearch.stepMax) : 1;
    const search: LineSearchResult = await runLineSearch(
      phi,
      f,
      slope,
      Math.max(Math.min(firstStep, o.lineSearch.stepMax), o.lineSearch.stepMin),
      { ...o.lineSearch, maxEvaluations: o.maxEval - evaluations },
      signal,
      swapTrialAndBest,
    );

    const accepted =
      search.status === 'converged' ||
      ((search.status === 'rounding-errors' ||
        search.status === 'xtol' ||
        search.status === 'step-max' ||
        search.status === 'step-min') &&
        search.step > 0 &&
        search.value <= f);
    if (!accepted) {
      if (search.status === 'aborted' || search.status === 'max-evaluations') continue;
      if (history.size > 0 && !retrying) {
        // As scipy: a failed search along the quasi-Newton direction gets one more chance along
        // steepest descent before the run gives up.
        history.clear();
        restarts++;
        retrying = true;
        continue;
      }
      const reason =
        search.status === 'non-finite' ? StopReason.NonFinite : StopReason.LineSearchFailed;
      const what =
        search.status === 'non-finite'
          ? 'the objective was NaN/Infinity along the search direction'
          : 'no step satisfies the strong-Wolfe conditions';
      return finish(
        reason,
        `${reason === StopReason.NonFinite ? 'non-finite objective' : 'line search failed'} at iteration ${iteration + 1}` +
          ` (steepest-descent direction, ${search.evaluations} evaluations): ${search.message}; ` +
          `x is the last accepted iterate (${gradientSummary()})`,
        `lbfgs stopped without converging because ${what}: check the gradient against finite differences, ` +
          'make sure the objective is smooth and finite near x, or scale the parameters to order 1',
      );
    }
    retrying = false;
    if (search.atBestTrial) swapTrialAndBest();

    secantPair(x, xTrial, g, gTrial, history.nextS, history.nextY, stats);
    const sy = stats[SY]!;
    const yy = stats[YY]!;
    if (sy > o.curvatureEpsilon * yy) history.commit(sy, yy);
    else skippedUpdates++;

    // The accepted trial becomes the iterate; the old iterate's buffers take the next trial.
    [x, xTrial] = [xTrial, x];
    [g, gTrial] = [gTrial, g];
    previous = f;
    f = search.value;
    iteration++;
    gInf = stats[G_MAX]!;
    g2 = Math.sqrt(stats[GG]!);

    const atIteration = iteration;
    const reads = progressReads({
      unit: 'iteration',
      position: () => iteration,
      unmoved: () => iteration === atIteration,
      x: () => x,
      snapshot,
    });
    const reduction = relativeReduction(previous, f);
    // The same tests, in the same terms, as the ones that end the run after the yield and at the
    // top of the loop, so that consumers can treat the last iteration as such when it is reported.
    const final =
      gInf <= o.gtol ||
      reduction <= o.ftol ||
      iteration >= o.maxIter ||
      evaluations >= o.maxEval ||
      signal?.aborted === true;
    const progress: IterationProgress = {
      iteration,
      evaluations,
      value: f,
      gradientNorm: gInf,
      gradientNorm2: g2,
      stepSize: search.step,
      stepNorm: Math.sqrt(stats[SS]!),
      elapsedMs: elapsed(),
      final,
      get x() {
        return reads.x();
      },
      saveState: reads.saveState,
    };
    if (onProgress) {
      const pending = onProgress(progress);
      if (pending instanceof Promise) await pending;
    }
    yield progress;

    if (gInf <= o.gtol) return finish(StopReason.Gtol, gtolMessage(gInf, o.gtol, iteration));
    if (reduction <= o.ftol) return finish(StopReason.Ftol, ftolMessage(reduction));
  }
}

function gtolMessage(gInf: number, gtol: number, iteration: number): string {
  return `converged: max |g_i| = ${formatNumber(gInf)} ≤ gtol ${formatNumber(gtol)} after ${iteration} iterations`;
}

function relativeReduction(previous: number, current: number): number {
  return (previous - current) / Math.max(Math.abs(previous), Math.abs(current), 1);
}
