import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SessionResult, type TrainingSession, unitWord } from '@digitlab/session';
import { render } from 'ink';
import { errorText } from '../cli/report-error.js';
import { formatPercent } from '../view-models/format-number.js';
import { statusModel } from '../view-models/status-model.js';
import { DashboardApp, type QuitReason } from './dashboard-app.js';
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
  options: { saveDir: string; stdout?: NodeJS.WriteStream; stdin?: NodeJS.ReadStream },
): Promise<DashboardRun> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const release = captureStrayOutput();
  let reason = 'quit' as QuitReason;
  let result: SessionResult | undefined;
  let failure: unknown;
  stdout.write(ENTER_ALTERNATE_SCREEN);
  const instance = render(
    <DashboardApp
      session={session}
      saveDir={options.saveDir}
      sampleMemory={sampleMemory}
      onQuit={(r) => {
        reason = r;
      }}
    />,
    { stdout, stdin, exitOnCtrlC: false, patchConsole: false, maxFps: 10 },
  );
  // A signal from outside (kill, a closed terminal) quits as cleanly as a key.
  const onSignal = (signal: NodeJS.Signals): void => {
    reason = signal === 'SIGINT' ? 'interrupt' : 'quit';
    void session.cancel().finally(() => instance.unmount());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  session.run().then(
    (r) => {
      result = r;
    },
    (error: unknown) => {
      failure = error;
    },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session.cancel();
    session.dispose();
    instance.cleanup();
    stdout.write(LEAVE_ALTERNATE_SCREEN);
  }
  const captured = release();
  const lines: string[] = [];
  if (result) lines.push(summaryLine(result));
  if (captured.length > 0) lines.push(saveLog(captured));
  if (failure !== undefined) process.stderr.write(`digitlab: error: ${errorText(failure)}\n`);
  stdout.write(lines.map((l) => `${l}\n`).join('') + SHOW_CURSOR);
  const exitCode = reason === 'interrupt' ? 130 : failure !== undefined ? 1 : 0;
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
