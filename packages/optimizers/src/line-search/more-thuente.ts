// A TypeScript port of MINPACK-2's dcsrch/dcstep (Moré & Thuente, "Line search algorithms with
// guaranteed sufficient decrease", ACM TOMS 20(3), 1994), the search scipy's L-BFGS-B uses. It is
// a state machine driven by the caller: hand it φ(stp), φ'(stp) and it says which step to try next
// or that it is done, so evaluations can be asynchronous.

const P5 = 0.5;
const P66 = 0.66;
const XTRAPL = 1.1;
const XTRAPU = 4.0;

/** What the search wants next: another evaluation, or it has stopped (converged or warning). */
export type MoreThuenteTask =
  | 'evaluate'
  | 'converged'
  | 'rounding-errors'
  | 'xtol'
  | 'step-max'
  | 'step-min';

/** The interval of uncertainty [stx, sty] (unordered) with φ and φ' at both ends. */
interface Bracket {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  bracketed: boolean;
}

/** One Moré–Thuente search along a fixed direction; create one per line search. */
export class MoreThuenteSearch {
  /** The step to evaluate next (valid after `start` and after `next` returns 'evaluate'). */
  step = 0;
  /**
   * Whether the trial just fed to `next` became the best point (stx). When `next` stops with
   * 'xtol' or 'rounding-errors', `step` is that best point, which may be an earlier trial.
   */
  trialBecameBest = false;
  /** Upper bound on the step; the caller may lower it, e.g. below a point where φ was not finite. */
  stepMax: number;
  private readonly bracket: Bracket = {
    stx: 0,
    fx: 0,
    dx: 0,
    sty: 0,
    fy: 0,
    dy: 0,
    bracketed: false,
  };
  private stage = 1;
  private finit = 0;
  private ginit = 0;
  private gtest = 0;
  private stmin = 0;
  private stmax = 0;
  private width = 0;
  private width1 = 0;

  constructor(
    private readonly ftol: number,
    private readonly gtol: number,
    private readonly xtol: number,
    private readonly stepMin: number,
    stepMax: number,
  ) {
    this.stepMax = stepMax;
  }

  /** Step of the best point seen so far (the low end of the search, 0 at the start). */
  get bestStep(): number {
    return this.bracket.stx;
  }

  /** Begins the search from φ(0) = f0, φ'(0) = g0 < 0 with a first trial step. */
  start(step: number, f0: number, g0: number): void {
    const b = this.bracket;
    b.bracketed = false;
    this.stage = 1;
    this.finit = f0;
    this.ginit = g0;
    this.gtest = this.ftol * g0;
    this.width = this.stepMax - this.stepMin;
    this.width1 = this.width / P5;
    b.stx = 0;
    b.fx = f0;
    b.dx = g0;
    b.sty = 0;
    b.fy = f0;
    b.dy = g0;
    this.stmin = 0;
    this.stmax = step + XTRAPU * step;
    this.step = step;
  }

  /** Feeds φ(step), φ'(step) for the step last proposed and returns what to do next. */
  next(f: number, g: number): MoreThuenteTask {
    const b = this.bracket;
    let stp = this.step;
    const ftest = this.finit + stp * this.gtest;
    if (this.stage === 1 && f <= ftest && g >= 0) this.stage = 2;

    let task: MoreThuenteTask = 'evaluate';
    if (b.bracketed && (stp <= this.stmin || stp >= this.stmax)) task = 'rounding-errors';
    if (b.bracketed && this.stmax - this.stmin <= this.xtol * this.stmax) task = 'xtol';
    if (stp === this.stepMax && f <= ftest && g <= this.gtest) task = 'step-max';
    if (stp === this.stepMin && (f > ftest || g >= this.gtest)) task = 'step-min';
    if (f <= ftest && Math.abs(g) <= this.gtol * -this.ginit) task = 'converged';
    this.trialBecameBest = false;
    if (task !== 'evaluate') return task;

    const gtest = this.gtest;
    if (this.stage === 1 && f <= b.fx && f > ftest) {
      // The modified function ψ(stp) = φ(stp) − φ(0) − ftol·stp·φ'(0) predicts the step better
      // while sufficient decrease has not been reached.
      b.fx -= b.stx * gtest;
      b.fy -= b.sty * gtest;
      b.dx -= gtest;
      b.dy -= gtest;
      stp = moreThuenteStep(b, stp, f - stp * gtest, g - gtest, this.stmin, this.stmax);
      b.fx += b.stx * gtest;
      b.fy += b.sty * gtest;
      b.dx += gtest;
      b.dy += gtest;
    } else {
      stp = moreThuenteStep(b, stp, f, g, this.stmin, this.stmax);
    }

    this.trialBecameBest = b.stx === this.step;

    if (b.bracketed) {
      if (Math.abs(b.sty - b.stx) >= P66 * this.width1) stp = b.stx + P5 * (b.sty - b.stx);
      this.width1 = this.width;
      this.width = Math.abs(b.sty - b.stx);
      this.stmin = Math.min(b.stx, b.sty);
      this.stmax = Math.max(b.stx, b.sty);
    } else {
      this.stmin = stp + XTRAPL * (stp - b.stx);
      this.stmax = stp + XTRAPU * (stp - b.stx);
    }

    stp = Math.max(stp, this.stepMin);
    stp = Math.min(stp, this.stepMax);
    // dcsrch would now ask for φ at stx once more, only to stop with this warning; φ, φ' (and the
    // caller's gradient) at stx are already known, so stop here and save that evaluation.
    if (b.bracketed && this.stmax - this.stmin <= this.xtol * this.stmax) {
      this.step = b.stx;
      return 'xtol';
    }
    if (b.bracketed && (stp <= this.stmin || stp >= this.stmax)) {
      this.step = b.stx;
      return 'rounding-errors';
    }
    this.step = stp;
    return 'evaluate';
  }
}

/**
 * dcstep: updates the bracket with the trial (stp, fp, dp) and returns the next trial step from
 * cubic, quadratic or secant interpolation, safeguarded to [stpmin, stpmax].
 */
function moreThuenteStep(
  b: Bracket,
  stp: number,
  fp: number,
  dp: number,
  stpmin: number,
  stpmax: number,
): number {
  const { stx, fx, dx, sty, fy, dy } = b;
  const sgnd = dp * (dx / Math.abs(dx));
  let stpf: number;

  if (fp > fx) {
    // Higher value: the minimum is bracketed. Take the cubic step if it is closer to stx than the
    // quadratic one, else their average.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const r = p / q;
    const stpc = stx + r * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    b.bracketed = true;
  } else if (sgnd < 0) {
    // Lower value and derivatives of opposite sign: bracketed. Take the cubic step if it is
    // farther from stp than the secant step, else the secant step.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const r = p / q;
    const stpc = stp + r * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    b.bracketed = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Lower value, same-sign derivatives, |φ'| decreasing. The cubic step is used only if the
    // cubic tends to infinity in the step direction or its minimum lies beyond stp.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) ** 2 - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (b.bracketed) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      stpf =
        stp > stx
          ? Math.min(stp + P66 * (sty - stp), stpf)
          : Math.max(stp + P66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.max(stpmin, Math.min(stpmax, stpf));
    }
  } else if (b.bracketed) {
    // Lower value, same-sign derivatives, |φ'| not decreasing, bracketed: cubic step toward sty.
    const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) ** 2 - (dy / s) * (dp / s));
    if (stp > sty) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dy;
    const r = p / q;
    stpf = stp + r * (sty - stp);
  } else {
    stpf = stp > stx ? stpmax : stpmin;
  }

  if (fp > fx) {
    b.sty = stp;
    b.fy = fp;
    b.dy = dp;
  } else {
    if (sgnd < 0) {
      b.sty = stx;
      b.fy = fx;
      b.dy = dx;
    }
    b.stx = stp;
    b.fx = fp;
    b.dx = dp;
  }
  return stpf;
}
