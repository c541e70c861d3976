import { promisify } from 'node:util';
import { gunzip as gunzipCallback, gunzipSync } from 'node:zlib';
import { describeSource, IdxFormatError } from './errors.js';

const gunzipAsync = promisify(gunzipCallback);

/** True when the bytes start with the gzip magic 1f 8b; IDX files start with 00 00, so this never misfires. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function corruptGzip(error: unknown, file: string | undefined, size: number): IdxFormatError {
  const detail = error instanceof Error ? error.message : String(error);
  return new IdxFormatError(
    `${describeSource(file)}: expected a complete gzip stream (it starts with the gzip magic 1f 8b), ` +
      `but decompressing its ${size} bytes failed: ${detail}`,
    file,
  );
}

/** Decompresses gzip bytes synchronously, turning zlib failures into an IdxFormatError naming the file. */
export function gunzipOrThrow(bytes: Uint8Array, file: string | undefined): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw corruptGzip(error, file, bytes.length);
  }
}

/** Decompresses gzip bytes on the thread pool, turning zlib failures into an IdxFormatError naming the file. */
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
