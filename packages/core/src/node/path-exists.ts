import { stat } from 'node:fs/promises';

/** Whether anything stands at `path` (a file, directory or other); unreadable counts as not. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
