import type { ObjectiveOutput } from '../objective.js';
import type { TrainingEvaluation, TrainingObjective } from '../solver-steps/solver-step.js';
import { type LeastSquaresProblem, leastSquaresBatchObjective } from './least-squares.js';

/** A synchronous training objective that counts its calls. */
export interface LeastSquaresTraining extends TrainingObjective {
  readonly calls: { full: number; batch: number };
  correctAt(x: Float64Array): number;
  evaluate(x: Float64Array): TrainingEvaluation;
  evaluateBatch(x: Float64Array, batch: Uint32Array): ObjectiveOutput;
}

/**
 * A least-squares problem as a training objective: the full objective over every row, mini-batches,
 * and as `correct` the rows whose residual is below 0.5 in magnitude (a stand-in for accuracy).
 * `calls` counts evaluations of each kind.
 */
export function leastSquaresTraining(p: LeastSquaresProblem): LeastSquaresTraining {
  const batchObjective = leastSquaresBatchObjective(p);
  const all = Uint32Array.from({ length: p.rows }, (_, i) => i);
  const calls = { full: 0, batch: 0 };
  const correctAt = (x: Float64Array): number => {
    let correct = 0;
    for (let r = 0; r < p.rows; r++) {
      let residual = -p.b[r]!;
      for (let c = 0; c < p.cols; c++) residual += p.a[r * p.cols + c]! * x[c]!;
      if (Math.abs(residual) < 0.5) correct++;
    }
    return correct;
  };
  return {
    numSamples: p.rows,
    calls,
    correctAt,
    evaluate(x) {
      calls.full++;
      return { ...batchObjective(x, all), correct: correctAt(x) };
    },
    evaluateBatch(x, batch) {
      calls.batch++;
      return batchObjective(x, batch);
    },
  };
}
