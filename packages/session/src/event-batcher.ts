/** Stops a batcher: pending items are flushed, the timer cleared. */
export type StopBatching = () => void;

/**
 * Collect items and hand them over in batches at most once per `intervalMs`. The first item after a
 * quiet period goes out at once (keys such as pause feel immediate); a burst is coalesced into the
 * next batch, which caps the dashboard at 1000 / intervalMs frames per second.
 */
export function createBatcher<T>(
  onBatch: (items: T[]) => void,
  intervalMs: number,
  clock: { now(): number } = performance,
): { push(item: T): void; flush(): void; stop: StopBatching } {
  let pending: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = Number.NEGATIVE_INFINITY;
  let stopped = false;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    lastFlush = clock.now();
    onBatch(items);
  };
  return {
    push(item) {
      if (stopped) return;
      pending.push(item);
      if (timer !== undefined) return;
      const wait = lastFlush + intervalMs - clock.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    flush,
    stop() {
      flush();
      stopped = true;
    },
  };
}
