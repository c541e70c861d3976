import { stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './temporary-directory.js';

describe('temporaryDirectory', () => {
  let kept = '';

  it('makes a new directory named with the prefix', async () => {
    kept = await temporaryDirectory('digitlab-kit-');
    expect(basename(kept)).toMatch(/^digitlab-kit-/);
    expect((await stat(kept)).isDirectory()).toBe(true);
    await writeFile(join(kept, 'file'), 'x');
  });

  it('removed it, contents and all, when that test ended', async () => {
    await expect(stat(kept)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
