/**
 * Replacing a directory of files so that a crash at any moment (SIGKILL, power loss) leaves either
 * the complete old contents or the complete new ones, never a mix and never nothing.
 *
 * The protocol, for a target `dir/m` (one writer at a time):
 *
 * 1. Write every file into a sibling `dir/.m.tmp-<pid>-<random>`: each file created exclusively,
 *    written, fsynced and closed, the file named `last` written after all others; then fsync that
 *    directory. Until step 2 `m` is untouched, and a crash leaves only a stray `.m.tmp-*`.
 * 2. If `m` exists, rename it to `dir/.m.old-<same suffix>`. A crash right after this leaves no
 *    `m` but a complete `.m.old-*`: `committedDirectory` (used by every load) then reads that one.
 * 3. Rename `.m.tmp-*` to `m` and fsync `dir`: the new contents are committed.
 * 4. Remove `.m.old-*`, and any `.m.tmp-*` / `.m.old-*` left by writers that died earlier (their
 *    pid is no longer running). A crash while removing is harmless: `m` exists, so loads read it.
 *
 * A failure (no permission, read-only or full file system) before step 2 removes the temp
 * directory and leaves `m` as it was; a failure at step 3 renames `.m.old-*` back first.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathExists } from './path-exists.js';

/** The files of a directory to write, by name (no subdirectories); `last` is written after them. */
export interface DirectoryContents {
  readonly files: Readonly<Record<string, Uint8Array>>;
  readonly last: { readonly name: string; readonly bytes: Uint8Array };
}

/** A failure of the file system while replacing a directory, with where and why in words. */
export class DirectoryWriteError extends Error {
  override readonly name = 'DirectoryWriteError';
  constructor(
    /** What went wrong, e.g. "no space left on device while writing /x/.m.tmp-1-ab/w.bin". */
    readonly problem: string,
    /** True when the target held something before and still holds it unchanged. */
    readonly keptExisting: boolean,
  ) {
    super(problem);
  }
}

/** Replace `target` with a directory holding `contents`, by the protocol above. */
export async function replaceDirectoryAtomically(
  target: string,
  contents: DirectoryContents,
): Promise<void> {
  const parent = dirname(target);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = siblingPath(target, 'tmp', suffix);
  const old = siblingPath(target, 'old', suffix);
  const existed = await pathExists(target);
  try {
    await mkdir(parent, { recursive: true });
    await mkdir(temp);
    for (const [name, bytes] of Object.entries(contents.files)) {
      await writeFileDurably(join(temp, name), bytes);
    }
    await writeFileDurably(join(temp, contents.last.name), contents.last.bytes);
    await syncDirectory(temp);
    if (existed) await rename(target, old);
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw new DirectoryWriteError(describeFailure(error), existed);
  }
  try {
    await rename(temp, target);
  } catch (error) {
    if (existed) await rename(old, target).catch(() => undefined);
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw new DirectoryWriteError(describeFailure(error), existed);
  }
  await syncDirectory(parent);
  // Committed: what follows only tidies up, so its failures must not fail the save.
  if (existed) await rm(old, { recursive: true, force: true }).catch(() => undefined);
  await removeAbandonedSiblings(target).catch(() => undefined);
}

/**
 * The directory that holds the committed contents of `target`: `target` itself when it exists,
 * else the `.old` sibling a writer killed between steps 2 and 3 left behind, else `target` (so the
 * caller reports it missing). Reads only; the next successful write tidies up.
 */
export async function committedDirectory(target: string, holds: string): Promise<string> {
  if (await pathExists(target)) return target;
  const parent = dirname(target);
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return target;
  }
  const prefix = siblingPrefix(target, 'old');
  for (const name of names.filter((n) => n.startsWith(prefix)).sort()) {
    if (await pathExists(join(parent, name, holds))) return join(parent, name);
  }
  return target;
}

function siblingPrefix(target: string, kind: 'tmp' | 'old'): string {
  return `.${basename(target)}.${kind}-`;
}

function siblingPath(target: string, kind: 'tmp' | 'old', suffix: string): string {
  return join(dirname(target), `${siblingPrefix(target, kind)}${suffix}`);
}

async function writeFileDurably(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    // A file handle's errors do not say which file: the message should.
    const failure = error as NodeJS.ErrnoException;
    failure.path ??= path;
    failure.syscall ??= 'write';
    throw failure;
  } finally {
    await handle.close();
  }
}

/** fsync a directory so the names in it survive a power loss; not every platform allows it. */
async function syncDirectory(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // EISDIR / EINVAL / EPERM on platforms without directory fsync: the renames still happened.
  } finally {
    await handle.close();
  }
}

async function removeAbandonedSiblings(target: string): Promise<void> {
  const parent = dirname(target);
  const prefixes = [siblingPrefix(target, 'tmp'), siblingPrefix(target, 'old')];
  for (const name of await readdir(parent)) {
    const prefix = prefixes.find((p) => name.startsWith(p));
    if (prefix === undefined) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) continue;
    await rm(join(parent, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const FAILURES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a file is where a directory is expected',
  // Only a file in the way of the parent directory's mkdir: the temp names are new.
  EEXIST: 'a file is where a directory is expected',
  EIO: 'input/output error',
};

function describeFailure(error: unknown): string {
  const { code, syscall, path, message } = error as NodeJS.ErrnoException;
  const reason = (code !== undefined && FAILURES[code]) || message;
  const where = path === undefined ? '' : ` (${syscall ?? 'writing'} ${path})`;
  return `${reason}${code === undefined ? '' : ` [${code}]`}${where}`;
}
