import { createHash } from 'node:crypto';
import { chmod, chown, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { temporaryDirectory } from '@digitlab/core/testing';
import { describe, expect, it } from 'vitest';
import { quickTrainArgs, runCli } from '../test-support/run-cli.js';

const NOBODY = 65534;

/** Every file of a directory with its checksum, to tell whether anything in it changed. */
async function contents(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).sort();
  return Promise.all(
    names.map(async (name) => {
      const hash = createHash('sha256').update(await readFile(join(dir, name)));
      return `${name} ${hash.digest('hex')}`;
    }),
  );
}

describe('train --save onto a location it cannot write', { timeout: 120_000 }, () => {
  it('under a read-only directory: prints the result, then the error; exit 1; the model there is unchanged', async () => {
    const root = await temporaryDirectory('digitlab-readonly-');
    const parent = join(root, 'models');
    const model = join(parent, 'm');
    const first = await runCli(quickTrainArgs({ perClass: 5, maxIter: 2 }, '--save', model));
    expect(first.code).toBe(0);
    const before = await contents(model);
    // root ignores permission bits, so as root the CLI runs as `nobody`, owner of the directory.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      await chmod(root, 0o755);
      for (const path of [parent, model, ...(await readdir(model)).map((f) => join(model, f))]) {
        await chown(path, NOBODY, NOBODY);
      }
    }
    await chmod(parent, 0o555);
    const run = await runCli(quickTrainArgs({ perClass: 5, maxIter: 3 }, '--save', model), {
      cwd: root,
      ...(asRoot ? { uid: NOBODY } : {}),
    });
    await chmod(parent, 0o755);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^accuracy \d+\.\d\d% \(\d+ of 10000\)$/m);
    expect(run.stderr.trim()).toMatch(
      new RegExp(
        `^digitlab: error: ${model}: could not save the model: permission denied \\[EACCES\\] \\(mkdir ${parent}/\\.m\\.tmp-[^)]+\\); the model already there is unchanged$`,
      ),
    );
    expect(await contents(model)).toEqual(before);
    expect(await readdir(parent)).toEqual(['m']);
  });

  it('with --json, below a file: one object holding the result and the error; exit 1; nothing written', async () => {
    const root = await temporaryDirectory('digitlab-notdir-');
    await mkdir(join(root, 'work'));
    await writeFile(join(root, 'work', 'notes'), 'mine');
    const model = join(root, 'work', 'notes', 'm');
    const run = await runCli(
      quickTrainArgs({ json: true, perClass: 5, maxIter: 2 }, '--save', model),
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as {
      test_accuracy: number;
      saved_to: string | null;
      error: string;
    };
    expect(result.test_accuracy).toBeGreaterThan(0.3);
    expect(result.saved_to).toBeNull();
    expect(result.error).toMatch(
      new RegExp(
        `^${model}: could not save the model: a file is where a directory is expected \\[(EEXIST|ENOTDIR)\\] .*; nothing was written$`,
      ),
    );
    expect(await readdir(join(root, 'work'))).toEqual(['notes']);
    expect(await readFile(join(root, 'work', 'notes'), 'utf8')).toBe('mine');
  });
});
