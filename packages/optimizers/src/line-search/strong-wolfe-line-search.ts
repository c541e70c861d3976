import { InvalidArgumentError } from '../errors.js';
import { formatNumber } from '../format-number.js';
import { MoreThuenteSearch } from './more-thuente.js';

/** φ(α) and φ'(α) along the search direction at one step length. */
export interface LineSample {
  readonly value: number;
  readonly derivative: number;
}

/** φ(α) = f(x + α·d) and its derivative φ'(α) = ∇f(x + α·d)ᵀd; may be asynchronous. */
export type LineFunction = (step: number) => LineSample | Promise<LineSample>;

/** Settings of the strong-Wolfe line search. */
export interface LineSearchOptions {
  /** Sufficient-decrease constant c1 of φ(α) ≤ φ(0) + c1·α·φ'(0). Default 1e-4. */
  readonly c1?: number;
  /** Curvature constant c2 of |φ'(α)| ≤ c2·|φ'(0)|. Default 0.9. */
  readonly c2?: number;
  /** Relative width of the interval of uncertainty below which the search gives up. Default 0.1. */
  readonly xtol?: number;
  /** Smallest step allowed. Default 0. */
  readonly stepMin?: number;
  /** Largest step allowed. Default 1e10 (as scipy's L-BFGS-B). */
  readonly stepMax?: number;
  /** Trials with a finite φ and φ' allowed before giving up. Default 20. */
  readonly maxTrials?: number;
  /** Times the step may be shrunk after φ or φ' came back NaN/±Infinity. Default 30. */
  readonly maxBackoffs?: number;
  /** Factor the distance to the best point is multiplied by after a non-finite trial. Default 0.5. */
  readonly backoffFactor?: number;
  /** Stop early (status 'max-evaluations') after this many evaluations. Default Infinity. */
  readonly maxEvaluations?: number;
  /** Stop early (status 'aborted') when this signal fires; checked before every evaluation. */
  readonly signal?: AbortSignal;
  /** Called right after the trial just evaluated became the best point of the search. */
  readonly onBest?: (step: number) => void;
}

/** Why the line search stopped. Only 'converged' guarantees both strong-Wolfe conditions. */
export const LineSearchStatuses = [
  'converged',
  'rounding-errors',
  'xtol',
  'step-max',
  'step-min',
  'max-trials',
  'non-finite',
  'max-evaluations',
  'aborted',
] as const;
/** Why the line search stopped. */
export type LineSearchStatus = (typeof LineSearchStatuses)[number];

/** Outcome of a line search: the last step evaluated and φ there. */
export interface LineSearchResult {
  readonly status: LineSearchStatus;
  /** The last step evaluated (NaN if none was evaluated); the accepted step when converged. */
  readonly step: number;
  /** φ(step); NaN if no step was evaluated or the last one was not finite. */
  readonly value: number;
  /** φ'(step). */
  readonly derivative: number;
  /**
   * True when `step` is the best earlier trial rather than the last one evaluated: the search
   * stopped ('xtol', 'rounding-errors') without evaluating it again. Callers that keep per-trial
   * data (such as the gradient vector) should keep the best trial's in `onBest`.
   */
  readonly atBestTrial: boolean;
  /** Evaluations of φ made, finite or not. */
  readonly evaluations: number;
  /** What happened, in words. */
  readonly message: string;
}

interface ResolvedLineSearchOptions {
  c1: number;
  c2: number;
  xtol: number;
  stepMin: number;
  stepMax: number;
  maxTrials: number;
  maxBackoffs: number;
  backoffFactor: number;
  maxEvaluations: number;
}

/** Fills in the defaults of a line search's options and checks their ranges. */
export function resolveLineSearchOptions(
  options: LineSearchOptions = {},
): ResolvedLineSearchOptions {
  const resolved = {
    c1: options.c1 ?? 1e-4,
    c2: options.c2 ?? 0.9,
    xtol: options.xtol ?? 0.1,
    stepMin: options.stepMin ?? 0,
    stepMax: options.stepMax ?? 1e10,
    maxTrials: options.maxTrials ?? 20,
    maxBackoffs: options.maxBackoffs ?? 30,
    backoffFactor: options.backoffFactor ?? 0.5,
    maxEvaluations: options.maxEvaluations ?? Number.POSITIVE_INFINITY,
  };
  if (!(resolved.c1 > 0 && resolved.c1 < 1)) {
    throw new InvalidArgumentError('c1', 'a number in (0, 1)', resolved.c1);
  }
  if (!(resolved.c2 > resolved.c1 && resolved.c2 < 1)) {
    throw new InvalidArgumentError('c2', `a number in (c1 = ${resolved.c1}, 1)`, resolved.c2);
  }
  if (!(resolved.xtol >= 0)) throw new InvalidArgumentError('xtol', 'a number ≥ 0', resolved.xtol);
  if (!(resolved.stepMin >= 0)) {
    throw new InvalidArgumentError('stepMin', 'a number ≥ 0', resolved.stepMin);
  }
  if (!(resolved.stepMax > resolved.stepMin)) {
    throw new InvalidArgumentError(
      'stepMax',
      `a number > stepMin (${resolved.stepMin})`,
      resolved.stepMax,
    );
  }
  requireCount('maxTrials', resolved.maxTrials, 1);
  requireCount('maxBackoffs', resolved.maxBackoffs, 0);
  if (!(resolved.backoffFactor > 0 && resolved.backoffFactor < 1)) {
    throw new InvalidArgumentError('backoffFactor', 'a number in (0, 1)', resolved.backoffFactor);
  }
  if (!(resolved.maxEvaluations >= 1)) {
    throw new InvalidArgumentError('maxEvaluations', 'a number ≥ 1', resolved.maxEvaluations);
  }
  return resolved;
}

function requireCount(name: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new InvalidArgumentError(name, `an integer ≥ ${min}`, value);
  }
}

/**
 * Finds a step α > 0 satisfying the strong-Wolfe conditions along a descent direction, using the
 * Moré–Thuente search; when φ is NaN/±Infinity at a trial it shrinks the step toward the best
 * point so far and caps later trials below it.
 */
export async function strongWolfeLineSearch(
  phi: LineFunction,
  value0: number,
  derivative0: number,
  initialStep: number,
  options: LineSearchOptions = {},
): Promise<LineSearchResult> {
  const o = resolveLineSearchOptions(options);
  if (!Number.isFinite(value0)) {
    throw new InvalidArgumentError('φ(0)', 'a finite number', value0);
  }
  if (!(derivative0 < 0 && Number.isFinite(derivative0))) {
    throw new InvalidArgumentError(
      "φ'(0)",
      'a finite negative number (a descent direction)',
      derivative0,
    );
  }
  if (!(initialStep >= o.stepMin && initialStep <= o.stepMax && initialStep > 0)) {
    throw new InvalidArgumentError(
      'initialStep',
      `a number in (0, stepMax = ${o.stepMax}] and ≥ stepMin = ${o.stepMin}`,
      initialStep,
    );
  }
  return runLineSearch(phi, value0, derivative0, initialStep, o, options.signal, options.onBest);
}

/** The search itself, with options already resolved; used directly by L-BFGS to skip re-checks. */
export async function runLineSearch(
  phi: LineFunction,
  value0: number,
  derivative0: number,
  initialStep: number,
  o: ResolvedLineSearchOptions,
  signal: AbortSignal | undefined,
  onBest?: (step: number) => void,
): Promise<LineSearchResult> {
  const search = new MoreThuenteSearch(o.c1, o.c2, o.xtol, o.stepMin, o.stepMax);
  search.start(initialStep, value0, derivative0);
  let evaluations = 0;
  let trials = 0;
  let backoffs = 0;
  let step = Number.NaN;
  let value = Number.NaN;
  let derivative = Number.NaN;
  let bestValue = value0;
  let bestDerivative = derivative0;
  const done = (status: LineSearchStatus, message: string): LineSearchResult => ({
    status,
    step,
    value,
    derivative,
    evaluations,
    message,
    atBestTrial: false,
  });

  for (;;) {
    if (signal?.aborted) return done('aborted', 'aborted by the AbortSignal');
    if (evaluations >= o.maxEvaluations) {
      return done('max-evaluations', `reached the evaluation budget of ${o.maxEvaluations}`);
    }
    step = search.step;
    const sample = phi(step);
    const { value: f, derivative: g } = sample instanceof Promise ? await sample : sample;
    evaluations++;
    value = f;
    derivative = g;

    if (!(Number.isFinite(f) && Number.isFinite(g))) {
      if (backoffs >= o.maxBackoffs) {
        return done(
          'non-finite',
          `φ or φ' was non-finite at ${backoffs + 1} trial steps, the last α = ${formatNumber(step)} ` +
            `(value ${String(f)}, derivative ${String(g)}); no finite step found after ${backoffs} back-offs`,
        );
      }
      backoffs++;
      const best = search.bestStep;
      const shrunk = best + o.backoffFactor * (step - best);
      if (shrunk === step || shrunk < o.stepMin || shrunk <= 0) {
        return done(
          'non-finite',
          `φ or φ' was non-finite at α = ${formatNumber(step)} and the step cannot shrink further`,
        );
      }
      // Later trials must stay below the non-finite region: cap the search at the shrunk step.
      if (step > best) search.stepMax = shrunk;
      search.step = shrunk;
      continue;
    }

    trials++;
    const task = search.next(f, g);
    if (task === 'converged') {
      return done('converged', `strong-Wolfe conditions hold at α = ${formatNumber(step)}`);
    }
    if (search.trialBecameBest) {
      bestValue = f;
      bestDerivative = g;
      onBest?.(step);
    }
    if (task === 'xtol' || task === 'rounding-errors') {
      return {
        status: task,
        step: search.step,
        value: bestValue,
        derivative: bestDerivative,
        evaluations,
        message: warningMessage(task, search.step),
        atBestTrial: true,
      };
    }
    if (task !== 'evaluate') return done(task, warningMessage(task, step));
    if (trials >= o.maxTrials) {
      return done(
        'max-trials',
        `no step satisfying the strong-Wolfe conditions within ${o.maxTrials} trials ` +
          `(last α = ${formatNumber(step)}, φ = ${formatNumber(f)}, φ' = ${formatNumber(g)}; ` +
          `φ(0) = ${formatNumber(value0)}, φ'(0) = ${formatNumber(derivative0)})`,
      );
    }
  }
}

function warningMessage(task: LineSearchStatus, step: number): string {
  const at = `α = ${formatNumber(step)}`;
  switch (task) {
    case 'rounding-errors':
      return `rounding errors prevent further progress at ${at}`;
    case 'xtol':
      return `the interval of uncertainty became narrower than xtol at ${at}`;
    case 'step-max':
      return `the step reached stepMax (${at}) with sufficient decrease but φ still decreasing`;
    case 'step-min':
      return `the step reached stepMin (${at}) without sufficient decrease`;
    default:
      return `stopped at ${at}`;
  }
}
