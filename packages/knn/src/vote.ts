import type { Weighting } from './options.js';

/**
 * Class probabilities of one query from its neighbours, as scikit-learn's
 * `KNeighborsClassifier.predict_proba`: each neighbour adds its weight to its class, then the
 * weights are normalized. `uniform` weighs 1; `distance` weighs 1/‖q − x‖, except that when any
 * neighbour is at distance 0 only those neighbours vote, with weight 1 each.
 * `sqDistances` (squared Euclidean) is only read for `distance`. Writes into `out` (numClasses).
 */
export function neighbourVotes(
  labels: ArrayLike<number>,
  sqDistances: ArrayLike<number> | undefined,
  weights: Weighting,
  out: Float64Array,
): Float64Array {
  out.fill(0);
  const k = labels.length;
  let exact = false;
  if (weights === 'distance') {
    if (sqDistances === undefined)
      throw new TypeError("distance weights need the neighbours' distances");
    for (let i = 0; i < k; i++) if ((sqDistances[i] as number) <= 0) exact = true;
  }
  let total = 0;
  for (let i = 0; i < k; i++) {
    let w = 1;
    if (weights === 'distance') {
      const sq = sqDistances?.[i] as number;
      w = exact ? (sq <= 0 ? 1 : 0) : 1 / Math.sqrt(sq);
    }
    const c = labels[i] as number;
    out[c] = (out[c] as number) + w;
    total += w;
  }
  for (let c = 0; c < out.length; c++) out[c] = (out[c] as number) / total;
  return out;
}

/** Index of the largest value; ties go to the smallest index (scikit-learn's mode and argmax do the same). */
export function argmaxLowest(values: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < values.length; c++)
    if ((values[c] as number) > (values[best] as number)) best = c;
  return best;
}
