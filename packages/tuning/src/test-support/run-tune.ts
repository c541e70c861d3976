import { type TuneConfig, tune } from '../tune.js';
import type { TuningEvent, TuningResult } from '../tuning-event.js';

/** Runs `tune(config)` to its end: every event it yielded (each also given to `onEvent`) and its result. */
export async function runTune(
  config: TuneConfig,
  onEvent?: (e: TuningEvent) => void,
): Promise<{ events: TuningEvent[]; result: TuningResult }> {
  const events: TuningEvent[] = [];
  const generator = tune(config);
  for (;;) {
    const next = await generator.next();
    if (next.done) return { events, result: next.value };
    events.push(next.value);
    onEvent?.(next.value);
  }
}
