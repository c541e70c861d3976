import { readFile } from 'node:fs/promises';
import { decodeRawIdx } from '../decode-idx.js';
import { DatasetError } from '../errors.js';
import { isGzip } from '../gzip.js';
import type { IdxData } from '../idx-types.js';
import { gunzipOrThrowAsync } from './gunzip-async.js';

/** Decodes IDX bytes like decodeIdx, but decompresses gzip on the thread pool. */
export async function decodeIdxAsync(
  bytes: Uint8Array,
  file: string | undefined,
): Promise<IdxData> {
  const raw = isGzip(bytes) ? await gunzipOrThrowAsync(bytes, file) : bytes;
  return decodeRawIdx(raw, file);
}

/** Reads an IDX file from disk, raw or gzip-compressed (recognised by its first bytes, not its name). */
export async function readIdx(path: string): Promise<IdxData> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new DatasetError(
      `cannot read IDX file ${path}: expected a readable file, ${problem}`,
      path,
    );
  }
  return decodeIdxAsync(bytes, path);
}
