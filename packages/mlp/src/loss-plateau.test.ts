import { describe, expect, it } from 'vitest';
import {
  INITIAL_PLATEAU,
  type LossPlateau,
  plateauReached,
  updatePlateau,
} from './loss-plateau.js';

function run(losses: number[], tol: number): LossPlateau[] {
  const states: LossPlateau[] = [];
  let state = INITIAL_PLATEAU;
  for (const loss of losses) {
    state = updatePlateau(state, loss, tol);
    states.push(state);
  }
  return states;
}

describe('the no-improvement rule (scikit-learn _update_no_improvement_count)', () => {
  it('counts epochs not below best − tol and resets on a real improvement', () => {
    const states = run([1, 0.95, 0.9499, 0.96, 0.8, 0.79995], 0.01);
    expect(states.map((s) => s.epochsWithoutImprovement)).toEqual([0, 0, 1, 2, 0, 1]);
    // The best loss follows every decrease, even one smaller than tol.
    expect(states.map((s) => s.bestLoss)).toEqual([1, 0.95, 0.9499, 0.9499, 0.8, 0.79995]);
  });

  it('stops only when the count exceeds nIterNoChange', () => {
    const states = run([1, 1, 1, 1], 1e-4);
    expect(states.map((s) => plateauReached(s, 2))).toEqual([false, false, false, true]);
  });
});
