import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeIdx } from '../encode-idx.js';
import { DatasetError, IdxFormatError } from '../errors.js';
import { tempDir } from '../test-support/synthetic-idx.js';
import { readIdx } from './read-idx.js';

describe('readIdx', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('read');
  });

  it('detects gzip by content, not by the file name', async () => {
    const data = new Int32Array([1, -2, 3, 400000, -5, 6]);
    const gzNamedRaw = join(dir, 'looks-raw.idx');
    const rawNamedGz = join(dir, 'looks-compressed.gz');
    await writeFile(gzNamedRaw, encodeIdx([2, 3], data, { gzip: true }));
    await writeFile(rawNamedGz, encodeIdx([2, 3], data));
    for (const path of [gzNamedRaw, rawNamedGz]) {
      const idx = await readIdx(path);
      expect(idx.type).toBe('i32');
      expect(idx.dims).toEqual([2, 3]);
      expect([...idx.data]).toEqual([...data]);
    }
  });

  it('reports a missing file with its path', async () => {
    const path = join(dir, 'nope-idx1-ubyte');
    await expect(readIdx(path)).rejects.toThrow(DatasetError);
    await expect(readIdx(path)).rejects.toThrow(`cannot read IDX file ${path}`);
  });

  it('reports a corrupt gzip file with its path', async () => {
    const path = join(dir, 'broken.gz');
    const gz = encodeIdx([50], new Uint8Array(50).fill(9), { gzip: true });
    await writeFile(path, gz.subarray(0, 12));
    const error = await readIdx(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as IdxFormatError).file).toBe(path);
    expect((error as Error).message).toMatch(
      new RegExp(`^${path}: expected a complete gzip stream`),
    );
  });
});
