import { UsageError } from '../errors.js';

/**
 * Fail before any work when `dir` cannot take a report (a file, a directory holding other files):
 * a usage error naming the flag that gave it.
 */
export async function checkReportTarget(dir: string, flag: string): Promise<void> {
  const { checkReportDir, ReportError } = await import('@digitlab/report');
  try {
    await checkReportDir(dir);
  } catch (error) {
    if (error instanceof ReportError) throw new UsageError(`${flag}: ${error.message}`);
    throw error;
  }
}
