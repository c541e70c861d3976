/** Pulls a run to its end and returns its result; its progress is seen through `onProgress`. */
export async function runToEnd<R>(run: AsyncGenerator<unknown, R, undefined>): Promise<R> {
  for (;;) {
    const next = await run.next();
    if (next.done) return next.value;
  }
}
