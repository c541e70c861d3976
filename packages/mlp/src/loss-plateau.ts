/** The state of scikit-learn's "training loss stopped improving" test. */
export interface LossPlateau {
  /** Lowest epoch loss so far (Infinity before the first epoch). */
  readonly bestLoss: number;
  /** Epochs in a row whose loss was not below bestLoss − tol. */
  readonly epochsWithoutImprovement: number;
}

/** The state before the first epoch. */
export const INITIAL_PLATEAU: LossPlateau = {
  bestLoss: Number.POSITIVE_INFINITY,
  epochsWithoutImprovement: 0,
};

/**
 * scikit-learn's `_update_no_improvement_count` for sgd/adam without early_stopping: an epoch whose
 * mean loss is not below bestLoss − tol counts as one without improvement; any other resets the
 * count. bestLoss tracks the lowest loss (even an improvement smaller than tol lowers it).
 */
export function updatePlateau(state: LossPlateau, loss: number, tol: number): LossPlateau {
  return {
    bestLoss: Math.min(state.bestLoss, loss),
    epochsWithoutImprovement: loss > state.bestLoss - tol ? state.epochsWithoutImprovement + 1 : 0,
  };
}

/** Whether training should stop: more than `nIterNoChange` epochs in a row without improvement. */
export function plateauReached(state: LossPlateau, nIterNoChange: number): boolean {
  return state.epochsWithoutImprovement > nIterNoChange;
}
