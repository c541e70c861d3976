/** The signals that stop a run, and the exit code each asks for (128 + the signal's number). */
export const STOP_SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** A signal that stops a run: Ctrl-C (SIGINT) or a polite kill (SIGTERM). */
export type StopSignal = keyof typeof STOP_SIGNAL_EXIT_CODES;

/** What `handleInterrupts` is told to do. */
export interface InterruptOptions {
  /**
   * The first signal: stop the work at its next step and let the command wind down (finish its
   * summary, save what it should). Called once.
   */
  readonly onInterrupt: (signal: StopSignal) => void;
  /**
   * Before a second signal ends the process at once: undo what must not outlive it (the
   * dashboard's alternate screen). Synchronous: nothing after it runs.
   */
  readonly beforeExit?: () => void;
  /** Where the one line about exiting at once goes (default: stderr). */
  readonly write?: (line: string) => void;
  /** Ends the process (default `process.exit`); tests replace it. */
  readonly exit?: (code: number) => void;
  /** Where the signals come from (default `process`); tests pass an emitter. */
  readonly source?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/** Interrupt handling in force until `dispose()`. */
export interface InterruptHandling {
  /** The first stop signal received, if any. */
  readonly signal: StopSignal | undefined;
  /** The exit code the first signal asks for (130 for SIGINT, 143 for SIGTERM), if one came. */
  readonly exitCode: number | undefined;
  /** Act as if `signal` had arrived: e.g. Ctrl-C read as a key by a terminal in raw mode. */
  interrupt(signal: StopSignal): void;
  /** Stop listening for the signals. */
  dispose(): void;
}

/**
 * How every long-running command answers Ctrl-C and SIGTERM: the first stops the work at its next
 * step (`onInterrupt`), so the command can still print its summary and save what it has; a second
 * one exits at once with the code of that signal (130 / 143), for a user who will not wait.
 */
export function handleInterrupts(options: InterruptOptions): InterruptHandling {
  const source = options.source ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  let first: StopSignal | undefined;
  const interrupt = (signal: StopSignal): void => {
    if (first === undefined) {
      first = signal;
      options.onInterrupt(signal);
      return;
    }
    options.beforeExit?.();
    write(
      `digitlab: ${signal} while stopping: exiting at once, without waiting for training to wind down`,
    );
    exit(STOP_SIGNAL_EXIT_CODES[signal]);
  };
  const onSigint = (): void => interrupt('SIGINT');
  const onSigterm = (): void => interrupt('SIGTERM');
  source.on('SIGINT', onSigint);
  source.on('SIGTERM', onSigterm);
  return {
    get signal() {
      return first;
    },
    get exitCode() {
      return first === undefined ? undefined : STOP_SIGNAL_EXIT_CODES[first];
    },
    interrupt,
    dispose() {
      source.off('SIGINT', onSigint);
      source.off('SIGTERM', onSigterm);
    },
  };
}
