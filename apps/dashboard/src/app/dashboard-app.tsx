import type { SessionControls } from '@digitlab/session';
import { useApp, useStdout } from 'ink';
import { useCallback, useReducer, useRef, useState } from 'react';
import { useConfusionMatrix } from '../components/confusion-matrix/index.js';
import {
  Dashboard,
  dashboardReducer,
  initialDashboardState,
  type TerminalSize,
  useDashboard,
} from '../components/dashboard/index.js';
import { useDigitPanels } from '../components/digit-panels/index.js';
import { useHelpOverlay } from '../components/help-overlay/index.js';
import { type ColourDepth, streamColourDepth } from '../view-models/colour-depth.js';
import type { MemorySample } from './memory-sample.js';
import { useMemorySamples } from './use-memory-samples.js';
import { FRAME_INTERVAL_MS, useSessionEvents } from './use-session-events.js';
import { useTerminalSize } from './use-terminal-size.js';

/** How the user left the dashboard: `q`, or Ctrl-C. */
export type QuitReason = 'quit' | 'interrupt';

/** Props of the connected dashboard. */
export interface DashboardAppProps {
  readonly session: SessionControls;
  readonly saveDir: string;
  /** Size to start with; defaults to stdout's. */
  readonly initialSize?: TerminalSize;
  readonly frameIntervalMs?: number;
  /** Colours of the digit panels; defaults to what stdout and the environment support. */
  readonly colourDepth?: ColourDepth;
  readonly sampleMemory?: () => MemorySample;
  /** Called once the session has stopped, just before the app unmounts. */
  readonly onQuit?: (reason: QuitReason) => void;
  /**
   * Ctrl-C, handled by the caller instead (it stops the session and closes the app itself, and
   * exits at once on a second one); without it Ctrl-C quits like q, with reason 'interrupt'.
   */
  readonly onInterrupt?: () => void;
}

/** The dashboard connected to a training session, the terminal and the keyboard. */
export function DashboardApp({
  session,
  saveDir,
  initialSize,
  frameIntervalMs = FRAME_INTERVAL_MS,
  colourDepth,
  sampleMemory,
  onQuit,
  onInterrupt,
}: DashboardAppProps) {
  const { stdout } = useStdout();
  const [state, dispatch] = useReducer(
    dashboardReducer,
    initialSize ?? { columns: stdout.columns, rows: stdout.rows },
    initialDashboardState,
  );
  const { exit } = useApp();
  const quitting = useRef(false);
  useSessionEvents(session, dispatch, frameIntervalMs);
  useMemorySamples(dispatch, sampleMemory);
  useTerminalSize(dispatch);
  const quit = useCallback(
    (reason: QuitReason) => {
      if (quitting.current) return;
      quitting.current = true;
      dispatch({ type: 'quitting' });
      void session.cancel().finally(() => {
        onQuit?.(reason);
        exit();
      });
    },
    [session, onQuit, exit],
  );
  useDashboard({
    onQuit: () => quit('quit'),
    onInterrupt: () => {
      if (onInterrupt) {
        if (!quitting.current) dispatch({ type: 'quitting' });
        quitting.current = true;
        onInterrupt();
      } else quit('interrupt');
    },
    onTogglePause: () => session.togglePause(),
    onSave: () => session.requestSave(),
    onReport: () => session.requestReport(),
  });
  useConfusionMatrix(dispatch);
  useDigitPanels(dispatch);
  useHelpOverlay(dispatch);
  const [depth] = useState(() => colourDepth ?? streamColourDepth(stdout));
  return <Dashboard state={state} saveDir={saveDir} colourDepth={depth} />;
}
