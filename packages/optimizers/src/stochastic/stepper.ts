import { readMiniBatchOutput } from '../evaluate-objective.js';
import type { MiniBatchObjective } from '../objective.js';
import { firstNonFinite, norm2, normInf } from '../vector-ops.js';
import type { UpdateRule } from './update-rule.js';

/** What one mini-batch step found. */
export interface StepOutcome {
  /** The objective's value on the batch, at the point before the step. */
  readonly value: number;
  /** Whether the value and the gradient were finite; if not, the point did not move. */
  readonly finite: boolean;
  /** What was not finite, for the message ("loss NaN", "gradient[3] = Infinity"). */
  readonly nonFinite?: string;
  /** max |gᵢ| and ‖g‖₂ of the gradient the update used (before clipping). */
  readonly normInf: number;
  readonly norm2: number;
}

/**
 * How the mini-batch loop moves the point one step: evaluate the batch and update. The loop owns
 * epochs, shuffles, schedules and stopping; a stepper owns the point, the gradient and the rule's
 * buffers.
 */
export interface Stepper<B> {
  step(batch: Uint32Array, learningRate: number, where: () => string): Promise<StepOutcome>;
  /** The current point (read it before the next step; copy it to keep it). */
  point(): Float64Array;
  /** The update rule's buffers as plain data, for a saved state. */
  save(): B;
  /**
   * Bring the point and buffers over from wherever else they live (an engine's threads), so that
   * `point` and `save` need nothing from there afterwards: a run calls it when it ends, before its
   * engine may be stopped, and builds its end state only when that is read.
   */
  settle?(): void;
}

/**
 * The usual stepper: the objective's gradient at the point (copied and checked), plus weight
 * decay, clipped to `clipNorm`, then the update rule.
 */
export function ruleStepper<B>(
  objective: MiniBatchObjective,
  rule: UpdateRule<B>,
  start: Float64Array,
  options: { readonly weightDecay: number; readonly clipNorm: number },
): Stepper<B> {
  const n = start.length;
  // The rule may keep the point and gradient in its kernel's memory.
  const x = rule.workspace?.x ?? new Float64Array(n);
  x.set(start);
  const g = rule.workspace?.g ?? new Float64Array(n);
  const arg = new Float64Array(n);
  const { weightDecay, clipNorm } = options;
  return {
    async step(batch, learningRate, where) {
      arg.set(x);
      // One pass copies the gradient, checks it and takes its norms.
      const evaluation = await readMiniBatchOutput(objective(arg, batch), g, where);
      if (!evaluation.finite) {
        const bad = firstNonFinite(g);
        return {
          value: evaluation.value,
          finite: false,
          nonFinite: Number.isFinite(evaluation.value)
            ? `gradient[${bad}] = ${String(g[bad])}`
            : `loss ${String(evaluation.value)}`,
          normInf: evaluation.normInf,
          norm2: Math.sqrt(evaluation.sumOfSquares),
        };
      }
      let gInf = evaluation.normInf;
      let g2 = Math.sqrt(evaluation.sumOfSquares);
      if (weightDecay !== 0) {
        for (let i = 0; i < n; i++) g[i]! += weightDecay * x[i]!;
        gInf = normInf(g);
        g2 = norm2(g);
      }
      if (g2 > clipNorm) {
        const scale = clipNorm / g2;
        for (let i = 0; i < n; i++) g[i]! *= scale;
      }
      rule.apply(x, g, learningRate);
      return { value: evaluation.value, finite: true, normInf: gInf, norm2: g2 };
    },
    point: () => x,
    save: () => rule.save(),
  };
}
