import type { FitResult, TrainingEvent } from '../training-event.js';

/** Everything one fit produced: its events in order and the generator's return value. */
export interface CollectedFit {
  readonly events: readonly TrainingEvent[];
  /** What the generator returned when it finished (`undefined` if it returned nothing). */
  readonly returned: FitResult | undefined;
}

/**
 * Drain a fit by hand (a `for await` loop drops the return value), calling `onEvent` after each
 * event is received and before the next one is pulled — the moment a consumer would abort.
 */
export async function collectFit(
  fit: AsyncGenerator<TrainingEvent, FitResult, undefined>,
  onEvent?: (event: TrainingEvent, index: number) => void,
): Promise<CollectedFit> {
  const events: TrainingEvent[] = [];
  for (;;) {
    const next = await fit.next();
    if (next.done) return { events, returned: next.value };
    events.push(next.value);
    onEvent?.(next.value, events.length - 1);
  }
}
