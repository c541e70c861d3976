import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { corruptGzip } from '../gzip.js';

const gunzipAsync = promisify(gunzip);

/**
 * Decompresses gzip bytes with zlib on the thread pool, so loading a large file neither blocks the
 * event loop nor pays for pure-JS inflate; failures become an IdxFormatError naming the file.
 */
export async function gunzipOrThrowAsync(
  bytes: Uint8Array,
  file: string | undefined,
): Promise<Uint8Array> {
  try {
    return await gunzipAsync(bytes);
  } catch (error) {
    throw corruptGzip(error, file, bytes.length);
  }
}
