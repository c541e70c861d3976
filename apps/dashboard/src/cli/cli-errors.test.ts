import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedTemporaryDirectory } from '@digitlab/core/testing';
import { IDX_FILE_NAMES } from '@digitlab/datasets';
import { describe, expect, it } from 'vitest';
import { expectOneLineError } from '../test-support/expect-one-line-error.js';
import { writeTinyIdxDir } from '../test-support/idx-fixtures.js';
import { runCli } from '../test-support/run-cli.js';

const root = sharedTemporaryDirectory('digitlab-errors-');

describe('command-line errors', { timeout: 90_000 }, () => {
  it('rejects an unknown flag in one line', async () => {
    expectOneLineError(
      await runCli(['train', '--per-clas', '5']),
      /unknown option '--per-clas'.*--per-class/,
    );
  });

  it('names the flag, the expected and the found value for a bad value', async () => {
    expectOneLineError(
      await runCli(['train', '--max-iter', 'ten']),
      /--max-iter <integer>.*expected an integer, found "ten"/,
    );
    expectOneLineError(await runCli(['train', '--max-iter', '0']), /--max-iter: .*>=1.*found 0/);
  });

  it('takes auto or a whole number for --eval-every, and says so', async () => {
    expectOneLineError(
      await runCli(['train', '--eval-every', 'often']),
      /--eval-every <n\|auto>.*expected auto or an integer ≥ 0 \(0: only at the end\), found "often"/,
    );
  });

  it('refuses two sampling flags at once', async () => {
    expectOneLineError(
      await runCli(['train', '--per-class', '5', '--full']),
      /--per-class.*--full/,
    );
  });

  it('reports errors as one JSON object on stdout with --json', async () => {
    const run = await runCli(['train', '--json', '--C', '-1']);
    expect(run.code).not.toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      error: expect.stringMatching(/--C: .*found -1/) as unknown as string,
    });
  });

  it('explains a truncated IDX file in the data directory', async () => {
    const dir = join(root(), 'corrupt');
    await writeTinyIdxDir(dir);
    const file = join(dir, IDX_FILE_NAMES.testImages);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 100));
    const run = await runCli(['train', '--data-dir', dir, '--per-class', '5', '--max-iter', '2']);
    expectOneLineError(run, /t10k-images-idx3-ubyte.*truncated by 100 bytes/);
    const json = await runCli(['train', '--json', '--data-dir', dir, '--per-class', '5']);
    expect(json.code).not.toBe(0);
    expect((JSON.parse(json.stdout) as { error: string }).error).toMatch(/truncated by 100 bytes/);
  });

  it('explains a missing data directory', async () => {
    expectOneLineError(
      await runCli(['train', '--data-dir', join(root(), 'nowhere'), '--per-class', '5']),
      /nowhere does not exist or is not a directory; expected a directory holding train-images-idx3-ubyte/,
    );
  });

  it('rejects a classifier module whose default export is not a plugin, saying what it found', async () => {
    expectOneLineError(
      await runCli(['train', '--classifier', './src/test-support/fixtures/not-a-plugin.mjs']),
      /not-a-plugin\.mjs' is not a valid ClassifierPlugin: .*"options" must be a zod schema \(found number 42\)/,
    );
    expectOneLineError(
      await runCli(['train', '--classifier', 'no-such-classifier']),
      /unknown classifier 'no-such-classifier': expected one of 'softmax-regression'/,
    );
  });
});
