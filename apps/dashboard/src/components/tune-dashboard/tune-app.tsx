import { useInput, useStdout } from 'ink';
import { TuneDashboard } from './tune-dashboard.js';
import { type TuneFeed, useTuneState } from './use-tune-state.js';

/** The live tuning view fed by `feed`; Ctrl-C (a key in raw mode) calls `onInterrupt`. */
export function TuneApp({ feed, onInterrupt }: { feed: TuneFeed; onInterrupt: () => void }) {
  const state = useTuneState(feed);
  const { stdout } = useStdout();
  useInput((input, key) => {
    if (key.ctrl && input === 'c') onInterrupt();
  });
  return <TuneDashboard state={state} width={stdout.columns ?? 80} />;
}
