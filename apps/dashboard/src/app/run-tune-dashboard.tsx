import { render } from 'ink';
import { TuneApp } from '../components/tune-dashboard/tune-app.js';
import type { TuneFeed } from '../components/tune-dashboard/use-tune-state.js';

/**
 * Show the live tuning view inline (not on the alternate screen: the final table stays in the
 * terminal's scrollback). `close()` renders the last frame and unmounts.
 */
export function mountTuneDashboard(
  feed: TuneFeed,
  options: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; onInterrupt: () => void },
): { close(): Promise<void> } {
  const instance = render(<TuneApp feed={feed} onInterrupt={options.onInterrupt} />, {
    stdout: options.stdout,
    stdin: options.stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 10,
  });
  return {
    async close() {
      // Let the last actions reach the screen (the view redraws at most every 100 ms).
      await new Promise((resolve) => setTimeout(resolve, 150));
      instance.unmount();
      await instance.waitUntilExit();
    },
  };
}
