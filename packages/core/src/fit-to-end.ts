import type { FitResult, TrainingEvent } from './training-event.js';

/** Drain a fit's event stream, optionally observing each event, and return its result. */
export async function fitToEnd(
  events: AsyncIterable<TrainingEvent>,
  onEvent?: (event: TrainingEvent) => void,
): Promise<FitResult> {
  let result: FitResult | undefined;
  for await (const event of events) {
    onEvent?.(event);
    if (event.type === 'end') result = event.result;
  }
  if (!result)
    throw new Error('the fit ended without an end event: the plugin broke the Classifier contract');
  return result;
}
