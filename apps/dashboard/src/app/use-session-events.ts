import type { SessionControls } from '@digitlab/session';
import { createBatcher } from '@digitlab/session';
import { type Dispatch, useEffect } from 'react';
import type { DashboardAction } from '../components/dashboard/dashboard-action.js';

/** At most ten frames a second, whatever the training speed. */
export const FRAME_INTERVAL_MS = 100;

/**
 * Feed the session's events into the dashboard reducer, coalesced: everything that arrived within
 * one frame interval is dispatched as a single batch, so React renders once per frame.
 */
export function useSessionEvents(
  session: SessionControls,
  dispatch: Dispatch<DashboardAction>,
  intervalMs: number = FRAME_INTERVAL_MS,
): void {
  useEffect(() => {
    const batcher = createBatcher<DashboardAction>(
      (actions) => dispatch({ type: 'batch', actions }),
      intervalMs,
    );
    const unsubscribe = session.subscribe((event) => batcher.push(event));
    return () => {
      unsubscribe();
      batcher.stop();
    };
  }, [session, dispatch, intervalMs]);
}
