import { expect } from 'vitest';
import type { CliRun } from './run-cli.js';

/**
 * The CLI failed as a user should see it: one line on stderr matching `pattern`, no stack trace,
 * and exit code `exitCode` (any non-zero one if not given).
 */
export function expectOneLineError(run: CliRun, pattern: RegExp, exitCode?: number): void {
  if (exitCode === undefined) expect(run.code).not.toBe(0);
  else expect(run.code).toBe(exitCode);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^digitlab: error: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}
