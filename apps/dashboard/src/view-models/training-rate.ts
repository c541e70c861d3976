/** Steps per second over the fit time so far, or undefined before there is anything to measure. */
export function stepsPerSecond(step: number, elapsedMs: number): number | undefined {
  if (step <= 0 || elapsedMs <= 0) return undefined;
  return step / (elapsedMs / 1000);
}

/**
 * Seconds left if the remaining steps run at the average rate so far. Solvers usually stop before
 * their maximum, so this is an upper bound, which is what the ETA column promises.
 */
export function etaSeconds(
  step: number,
  total: number | undefined,
  elapsedMs: number,
): number | undefined {
  const rate = stepsPerSecond(step, elapsedMs);
  if (rate === undefined || total === undefined || total < step) return undefined;
  return (total - step) / rate;
}
