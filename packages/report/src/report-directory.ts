import { chmod, lstat, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ReportError } from './report-error.js';

/** What a report directory holds; a directory holding nothing else may be replaced by a new report. */
export const REPORT_ENTRIES: readonly string[] = [
  'report.html',
  'result.json',
  'history.jsonl',
  'figures',
];

/** What is at a report's path now: nothing, an empty directory, or an earlier report. */
export type ReportDirState = 'absent' | 'empty' | 'report';

const EXPECTED = 'a new directory, an empty one, or an earlier report to replace';

/**
 * Check that a report may be written to `dir` without losing anything: it must not exist, be an
 * empty directory, or be an earlier report (report.html and nothing but report files).
 * Rejects with a ReportError naming what is there.
 */
export async function checkReportDir(dir: string): Promise<ReportDirState> {
  const stats = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ReportError(
      dir,
      EXPECTED,
      `a path that cannot be read (${error.code ?? error.message})`,
    );
  });
  if (stats === undefined) return 'absent';
  if (!stats.isDirectory()) {
    throw new ReportError(
      dir,
      EXPECTED,
      stats.isFile() ? 'a file' : 'something that is not a directory',
    );
  }
  const entries = await readdir(dir);
  if (entries.length === 0) return 'empty';
  const others = entries.filter((e) => !REPORT_ENTRIES.includes(e)).sort();
  if (others.length > 0) {
    const shown = others.slice(0, 3).join(', ') + (others.length > 3 ? ', …' : '');
    throw new ReportError(dir, EXPECTED, `a directory holding other files (${shown})`);
  }
  if (!entries.includes('report.html')) {
    throw new ReportError(dir, EXPECTED, 'a directory of report files without report.html');
  }
  return 'report';
}

/**
 * A fresh temporary directory beside `dir` (same file system, so it can be renamed into place),
 * creating `dir`'s parent when needed.
 */
export async function stagingDirFor(dir: string): Promise<string> {
  const target = resolve(dir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new ReportError(
      parent,
      'a directory to write the report in',
      `${error.code ?? error.message}`,
    );
  });
  const staging = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  // mkdtemp makes it private (0700); the report is an ordinary directory once renamed into place.
  await chmod(staging, 0o777 & ~currentUmask());
  return staging;
}

/** The process's file-creation mask, read without changing it. */
function currentUmask(): number {
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
}

/**
 * Move a finished `staging` directory to `dir`, replacing an empty directory or an earlier report
 * there: readers see the old report or the new one, never half of one.
 */
export async function publishDir(staging: string, dir: string): Promise<void> {
  const state = await checkReportDir(dir);
  if (state !== 'report') {
    // rename(2) replaces an empty directory in one step.
    await rename(staging, dir);
    return;
  }
  const old = `${staging}-old`;
  await rename(dir, old);
  try {
    await rename(staging, dir);
  } catch (error) {
    await rename(old, dir);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}
