/**
 * Pulls a run to its end: every value it yields, each one's x read before the next pull (progress
 * values copy x when first read, which must happen before then), and what it returns.
 */
export async function drain<P extends { readonly x: Float64Array }, R>(
  run: AsyncGenerator<P, R, undefined>,
): Promise<{ progress: P[]; result: R }> {
  const progress: P[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done) return { progress, result: next.value };
    void next.value.x;
    progress.push(next.value);
  }
}
