import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImageFiles } from './list-image-files.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'digitlab-list-images-'));
  await mkdir(join(root, 'b', 'deeper'), { recursive: true });
  for (const name of ['z.PNG', 'a.jpg', 'notes.txt', 'b/c.webp', 'b/deeper/d.gif', 'b/e.jpeg']) {
    await writeFile(join(root, name), '');
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('listImageFiles', () => {
  it('searches directories recursively, in name order, for image file names', async () => {
    const { files, skipped } = await listImageFiles([root]);
    expect(files).toEqual(
      ['a.jpg', 'b/c.webp', 'b/deeper/d.gif', 'b/e.jpeg', 'z.PNG'].map((f) => join(root, f)),
    );
    expect(skipped).toEqual([
      {
        file: join(root, 'notes.txt'),
        reason: 'not an image file name (expected .png, .jpg, .jpeg, .webp, .gif)',
      },
    ]);
  });

  it('takes a file named on its own whatever its name, and lists missing paths', async () => {
    const { files, skipped } = await listImageFiles([
      join(root, 'notes.txt'),
      join(root, 'missing.png'),
    ]);
    expect(files).toEqual([join(root, 'notes.txt')]);
    expect(skipped).toEqual([
      { file: join(root, 'missing.png'), reason: 'no such file or directory' },
    ]);
  });

  it('searches each directory once, even through a link back up the tree', async () => {
    const dir = join(root, 'loop');
    await mkdir(dir);
    await writeFile(join(dir, 'x.png'), '');
    await symlink(dir, join(dir, 'again'));
    const { files } = await listImageFiles([dir, join(dir, 'again')]);
    expect(files).toEqual([join(dir, 'x.png')]);
  });
});
