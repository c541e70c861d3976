import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, onTestFinished } from 'vitest';

/** A new directory in the OS's temporary directory, removed with its contents when the test ends. */
export async function temporaryDirectory(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A temporary directory the tests of a file (or `describe` block) share: made before them and
 * removed with its contents after them, or one per test with `perTest`. The getter is for tests
 * and hooks; it throws when called outside them, where there is no directory.
 */
export function sharedTemporaryDirectory(
  prefix: string,
  { perTest = false }: { readonly perTest?: boolean } = {},
): () => string {
  let dir: string | undefined;
  const make = async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  };
  const remove = async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  };
  if (perTest) {
    beforeEach(make);
    afterEach(remove);
  } else {
    beforeAll(make);
    afterAll(remove);
  }
  return () => {
    if (dir === undefined) {
      throw new Error(
        `expected a test or hook to ask for the '${prefix}' directory, found none made`,
      );
    }
    return dir;
  };
}
