import type { SessionEvent } from '@digitlab/session';
import { DashboardApp, type QuitReason } from '../app/dashboard-app.js';
import type { ColourDepth } from '../view-models/colour-depth.js';
import { FakeSession } from './fake-session.js';
import { frameShowing, strip, tick, unmountLater, waitUntil } from './ink-test.js';
import { renderInColumns } from './render-in-columns.js';
import { sampleRunActions } from './sample-dashboard.js';

/**
 * The whole app on a fake session in a terminal `columns` × `rows`, ready for keys; `events` is
 * the sample training (40 iterations) for the test to emit. Unmounted by `unmountAll`.
 */
export async function mountDashboardApp(
  options: { columns?: number; rows?: number; colourDepth?: ColourDepth } = {},
) {
  const { columns = 80, rows = 24, colourDepth } = options;
  const session = new FakeSession();
  const quits: QuitReason[] = [];
  const app = unmountLater(
    renderInColumns(
      <DashboardApp
        session={session}
        saveDir="./digitlab-model"
        initialSize={{ columns, rows }}
        frameIntervalMs={0}
        colourDepth={colourDepth}
        onQuit={(reason) => quits.push(reason)}
      />,
      columns,
    ),
  );
  // useInput subscribes in an effect, which a loaded machine may run late; a key written before
  // then is lost. Ink listens to stdin once the first subscriber asks for raw mode.
  await waitUntil(() => app.stdin.listenerCount('readable') > 0, 'the app listens for keys');
  const events = sampleRunActions(40, 10).filter(
    (a): a is SessionEvent => a.type !== 'memory' && a.type !== 'batch',
  );
  /** Types `keys` and lets the app redraw. */
  const press = async (keys: string): Promise<void> => {
    app.stdin.write(keys);
    await tick();
  };
  /** Sends `events` from the session and lets the app redraw. */
  const emit = async (...sent: SessionEvent[]): Promise<void> => {
    session.emit(...sent);
    await tick();
  };
  const frame = () => strip(app.lastFrame());
  /** Waits until the frame shows `expected` (polling: Ink draws in its own time); that frame. */
  const waitForFrame = (expected: string | RegExp) => frameShowing(frame, expected);
  return { session, quits, events, press, emit, frame, waitForFrame };
}
