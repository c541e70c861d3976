/** Mean and (population, numpy's default ddof=0) standard deviation of scores, as scikit-learn reports them. */
export function meanAndStd(scores: readonly number[]): { mean: number; std: number } {
  if (scores.length === 0) return { mean: Number.NaN, std: Number.NaN };
  let sum = 0;
  for (const s of scores) sum += s;
  const mean = sum / scores.length;
  let squares = 0;
  for (const s of scores) squares += (s - mean) ** 2;
  return { mean, std: Math.sqrt(squares / scores.length) };
}

/** The index of the highest mean, the first on ties (LogisticRegressionCV's `argmax`). */
export function bestIndex(means: readonly number[]): number {
  let best = -1;
  means.forEach((mean, i) => {
    if (!Number.isNaN(mean) && (best < 0 || mean > (means[best] as number))) best = i;
  });
  return best;
}
