import { spawn } from 'node:child_process';
import { chmod, chown, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ArtifactError } from '../errors.js';
import type { ModelArtifact } from '../model-artifact.js';
import { toyArtifact } from '../test-support/toy-artifact.js';
import { temporaryDirectory } from '../testing/temporary-directory.js';
import { readModelArtifact, saveModel } from './model-directory.js';

// A full disk cannot be made on demand without root and a mount, so the file system says it is
// full instead: from the `writes`th file written on, as ENOSPC does once the space runs out.
const full = vi.hoisted(() => ({ afterWrites: Number.POSITIVE_INFINITY, writes: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof fs.open = async (...args) => {
    const handle = await fs.open(...args);
    const writeFile = handle.writeFile.bind(handle);
    handle.writeFile = async (...a) => {
      if (full.writes++ >= full.afterWrites) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
          errno: -28,
          syscall: 'write',
        });
      }
      return writeFile(...a);
    };
    return handle;
  };
  return { ...fs, open, default: { ...fs, open } };
});
afterEach(() => {
  full.afterWrites = Number.POSITIVE_INFINITY;
  full.writes = 0;
});

function artifact(seed: number): ModelArtifact {
  return toyArtifact(
    {
      'weights.bin': new Uint8Array(1000).fill(seed),
      'model.json': new TextEncoder().encode(JSON.stringify({ seed })),
    },
    { training: { seed } },
  );
}

const CHILD = fileURLToPath(new URL('./test-support/save-until-killed.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/node/model-directory.js', import.meta.url));
const NOBODY = 65534;

/** Run the built saveModel in a child process as `uid` (as this process when undefined). */
function saveInChildAs(
  uid: number | undefined,
  dir: string,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, BUILT, dir, 'model-a', '-1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(uid === undefined ? {} : { uid, gid: uid }),
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('saveModel onto a location it cannot write', () => {
  it('on a full disk: says so and where, keeps the model already there, leaves no temp files', async () => {
    const root = await temporaryDirectory('digitlab-full-');
    const dir = join(root, 'model');
    await saveModel(dir, artifact(1));
    full.afterWrites = full.writes + 1; // the second file of the next save fails
    const error = await saveModel(dir, artifact(2)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArtifactError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${dir}: could not save the model: no space left on device \\[ENOSPC\\] \\(write ${root}/\\.model\\.tmp-[^)]+\\); the model already there is unchanged$`,
      ),
    );
    full.afterWrites = Number.POSITIVE_INFINITY;
    expect((await readModelArtifact(dir)).metadata.training).toEqual({ seed: 1 });
    expect(await readdir(root)).toEqual(['model']);
  });

  it('on a full disk with nothing there before: says nothing was written, and leaves nothing', async () => {
    const root = await temporaryDirectory('digitlab-full-');
    full.afterWrites = 0;
    await expect(saveModel(join(root, 'model'), artifact(1))).rejects.toThrow(
      /no space left on device.*; nothing was written$/,
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('under a read-only directory: says permission denied and where, and damages nothing', async () => {
    const root = await temporaryDirectory('digitlab-readonly-');
    const parent = join(root, 'models');
    const dir = join(parent, 'm');
    await saveModel(dir, artifact(1));
    // root ignores permission bits, so as root the save runs as `nobody`, owner of the directory.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      await chmod(root, 0o755);
      for (const path of [parent, dir, ...['weights.bin', 'model.json'].map((f) => join(dir, f))]) {
        await chown(path, NOBODY, NOBODY);
      }
    }
    await chmod(parent, 0o555);
    try {
      const run = await saveInChildAs(asRoot ? NOBODY : undefined, dir);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(
        `ArtifactError: ${dir}: could not save the model: permission denied [EACCES] (mkdir ${parent}/.m.tmp-`,
      );
      expect(run.stderr).toContain('the model already there is unchanged');
    } finally {
      await chmod(parent, 0o755);
    }
    expect((await readModelArtifact(dir)).metadata.training).toEqual({ seed: 1 });
    expect(await readdir(parent)).toEqual(['m']);
  });

  it('below a file where a directory was expected: names the problem and the path', async () => {
    const root = await temporaryDirectory('digitlab-notdir-');
    await writeFile(join(root, 'file'), 'x');
    await expect(saveModel(join(root, 'file', 'model'), artifact(1))).rejects.toThrow(
      new RegExp(
        `^${root}/file/model: could not save the model: a file is where a directory is expected \\[(EEXIST|ENOTDIR)\\] \\(mkdir ${root}/file\\); nothing was written$`,
      ),
    );
    expect(await readdir(root)).toEqual(['file']);
  });
});
