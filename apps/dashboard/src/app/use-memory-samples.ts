import { type Dispatch, useEffect } from 'react';
import type { DashboardAction } from '../components/dashboard/dashboard-action.js';
import type { MemorySample } from './memory-sample.js';

/** Sample memory now and then every `intervalMs` (tensor counts change slowly; once a second is plenty). */
export function useMemorySamples(
  dispatch: Dispatch<DashboardAction>,
  sample: (() => MemorySample) | undefined,
  intervalMs = 1000,
): void {
  useEffect(() => {
    if (!sample) return;
    const tick = (): void => dispatch({ type: 'memory', sample: sample() });
    tick();
    const timer = setInterval(tick, intervalMs);
    return () => clearInterval(timer);
  }, [dispatch, sample, intervalMs]);
}
