import { useInput } from 'ink';

/** What the dashboard's own keys do; the session and the app supply the effects. */
export interface DashboardKeyHandlers {
  readonly onQuit: () => void;
  readonly onInterrupt: () => void;
  readonly onTogglePause: () => void;
  readonly onSave: () => void;
  readonly onReport: () => void;
}

/** Keys `q` (quit), Ctrl-C (interrupt), `p` (pause / resume), `s` (save) and `r` (report). */
export function useDashboard(handlers: DashboardKeyHandlers, isActive = true): void {
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c') {
        handlers.onInterrupt();
        return;
      }
      if (key.ctrl || key.meta) return;
      // Keys typed quickly (or pasted) can arrive as one chunk, e.g. "pq": handle each in turn.
      for (const ch of input) {
        if (ch === 'q') handlers.onQuit();
        else if (ch === 'p') handlers.onTogglePause();
        else if (ch === 's') handlers.onSave();
        else if (ch === 'r') handlers.onReport();
      }
    },
    { isActive },
  );
}
