import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SessionResult, type TrainingSession, unitWord } from '@digitlab/session';
import { render } from 'ink';
import { handleInterrupts } from '../cli/interrupt-signals.js';
import { errorText } from '../cli/report-error.js';
import { formatPercent } from '../view-models/format-number.js';
import { statusModel } from '../view-models/status-model.js';
import { DashboardApp } from './dashboard-app.js';
import { sampleMemory } from './memory-sample.js';
import { captureStrayOutput } from './output-capture.js';

const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
/** The escape that shows the cursor again; the last thing the dashboard writes. */
export const SHOW_CURSOR = '\u001b[?25h';

/** What the dashboard run ended with. */
export interface DashboardRun {
  readonly exitCode: number;
  readonly result?: SessionResult;
  readonly error?: unknown;
}

/**
 * Show the live dashboard on the alternate screen while `session` trains, until the user quits.
 * Afterwards the terminal is as it was (main screen, cursor visible) and a one-line summary of the
 * run is printed; captured stray output is saved to a log file whose path is mentioned.
 */
export async function runDashboard(
  session: TrainingSession,
  options: {
    saveDir: string;
    stdout?: NodeJS.WriteStream;
    stdin?: NodeJS.ReadStream;
    /**
     * After Ctrl-C or SIGTERM stopped the run, with the dashboard closed and the session not yet
     * released: keep what should be kept (save the model), and the lines that say so.
     */
    afterInterrupt?: (result: SessionResult) => Promise<readonly string[]>;
  },
): Promise<DashboardRun> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const release = captureStrayOutput();
  let result: SessionResult | undefined;
  let failure: unknown;
  stdout.write(ENTER_ALTERNATE_SCREEN);
  let screenLeft = false;
  const leaveScreen = (): void => {
    if (screenLeft) return;
    screenLeft = true;
    stdout.write(LEAVE_ALTERNATE_SCREEN);
  };
  // Ctrl-C (a key in raw mode, or SIGINT from outside) and SIGTERM stop training at its next step
  // and close the dashboard; a second one exits at once, with the terminal restored first.
  const interrupts = handleInterrupts({
    onInterrupt: () => void session.cancel().finally(() => instance.unmount()),
    beforeExit: () => {
      leaveScreen();
      stdout.write(SHOW_CURSOR);
    },
  });
  const instance = render(
    <DashboardApp
      session={session}
      saveDir={options.saveDir}
      sampleMemory={sampleMemory}
      onInterrupt={() => interrupts.interrupt('SIGINT')}
    />,
    { stdout, stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 10 },
  );
  session.run().then(
    (r) => {
      result = r;
    },
    (error: unknown) => {
      failure = error;
    },
  );
  const lines: string[] = [];
  try {
    try {
      await instance.waitUntilExit();
    } finally {
      await session.cancel();
      instance.cleanup();
      leaveScreen();
    }
    // Interrupted while training (not after it had finished, when q and Ctrl-C just close it).
    const stopped = result?.outcome.stopReason === 'aborted';
    if (interrupts.signal !== undefined && stopped && result && options.afterInterrupt) {
      lines.push(...(await options.afterInterrupt(result)));
    }
  } finally {
    interrupts.dispose();
    session.dispose();
  }
  const captured = release();
  if (result) lines.unshift(summaryLine(result));
  if (captured.length > 0) lines.push(saveLog(captured));
  if (failure !== undefined) process.stderr.write(`digitlab: error: ${errorText(failure)}\n`);
  stdout.write(lines.map((l) => `${l}\n`).join('') + SHOW_CURSOR);
  const exitCode = interrupts.exitCode ?? (failure !== undefined ? 1 : 0);
  return {
    exitCode,
    ...(result ? { result } : {}),
    ...(failure === undefined ? {} : { error: failure }),
  };
}

function summaryLine(result: SessionResult): string {
  const { outcome, info } = result;
  const status = statusModel({
    phase: 'finished',
    outcome,
    loadingMessage: '',
  });
  const parts = [
    `${status.label} after ${outcome.steps} ${unitWord(info.unit, outcome.steps)} (${outcome.fitSeconds.toFixed(1)} s)`,
    outcome.trainAccuracy === undefined ? '' : `train ${formatPercent(outcome.trainAccuracy, 2)}`,
    outcome.testAccuracy === undefined ? '' : `test ${formatPercent(outcome.testAccuracy, 2)}`,
  ];
  return `digitlab: ${parts.filter((p) => p !== '').join(' · ')}`;
}

function saveLog(lines: string[]): string {
  const path = join(tmpdir(), `digitlab-${process.pid}.log`);
  try {
    writeFileSync(path, `${lines.join('\n')}\n`);
    return `digitlab: ${lines.length} line(s) of other output were kept off the dashboard: ${path}`;
  } catch {
    return `digitlab: ${lines.length} line(s) of other output were kept off the dashboard`;
  }
}
