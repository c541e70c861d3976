import { DigitlabError } from '@digitlab/core';
import { DatasetError, DownloadError, IdxFormatError } from '@digitlab/datasets';
import { MetricsError } from '@digitlab/metrics';
import { SamplingError } from '@digitlab/session';
import { CommanderError } from 'commander';
import { PluginLoadError, UsageError } from '../errors.js';
import { type CliIo, writeLine } from './cli-io.js';

/** Exit code of a mistake in the command line itself. */
export const EXIT_USAGE = 2;
/** Exit code of any other failure. */
export const EXIT_FAILURE = 1;

/** Errors whose message is written for the user: no stack trace needed to act on them. */
export function isUserError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof SamplingError ||
    error instanceof PluginLoadError ||
    error instanceof DigitlabError ||
    error instanceof DatasetError ||
    error instanceof IdxFormatError ||
    error instanceof DownloadError ||
    error instanceof MetricsError ||
    error instanceof CommanderError
  );
}

/**
 * Report an error as one line on stderr (or one JSON object on stdout with `--json`) and return
 * the exit code. Help and version "errors" from commander are not failures.
 */
export function reportError(error: unknown, io: CliIo, json: boolean): number {
  if (error instanceof CommanderError && error.exitCode === 0) return 0;
  const debug = io.env.DIGITLAB_DEBUG === '1';
  const message = oneLine(errorText(error));
  const code =
    error instanceof CommanderError || error instanceof UsageError || error instanceof SamplingError
      ? EXIT_USAGE
      : EXIT_FAILURE;
  if (json) {
    writeLine(io.stdout, JSON.stringify({ error: message }));
  } else if (isUserError(error)) {
    writeLine(
      io.stderr,
      `digitlab: ${message.startsWith('error: ') ? message : `error: ${message}`}`,
    );
  } else {
    writeLine(io.stderr, `digitlab: unexpected error: ${message}`);
    if (!debug) writeLine(io.stderr, 'digitlab: set DIGITLAB_DEBUG=1 to see the stack trace');
  }
  if (debug && error instanceof Error && error.stack && !(error instanceof CommanderError)) {
    writeLine(io.stderr, error.stack);
  }
  return code;
}

/** An error's message as the command line words it (flags rather than request fields). */
export function errorText(error: unknown): string {
  // The session names its request field; on the command line the flag that set it is clearer.
  if (error instanceof SamplingError) return `--train-size: ${error.detail}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}
