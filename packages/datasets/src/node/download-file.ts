import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DownloadError } from '../errors.js';

/** Called as bytes arrive; total is the Content-Length, when the server sent one. */
export type ProgressCallback = (received: number, total: number | undefined, file: string) => void;

/** The part of fetch that downloads use, so tests and callers can substitute their own. */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal?: AbortSignal | undefined },
) => Promise<Response>;

/** Options for downloadFile. */
export interface DownloadFileOptions {
  readonly url: string;
  /** Final path; the download goes to a temp file beside it and is renamed once verified. */
  readonly destination: string;
  /** Lowercase hex SHA-256 the body must have; unchecked when absent. */
  readonly expectedSha256?: string | undefined;
  readonly onProgress?: ProgressCallback | undefined;
  /** Defaults to the global fetch. */
  readonly fetchImpl?: FetchLike | undefined;
  readonly signal?: AbortSignal | undefined;
}

const OFFLINE_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'DNS lookup failed (host not found)',
  EAI_AGAIN: 'DNS lookup failed (temporary failure, no network?)',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

// fetch wraps the socket error: TypeError('fetch failed') → cause (sometimes an AggregateError).
function findCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  const fromCause = findCode(cause, depth + 1);
  if (fromCause !== undefined) return fromCause;
  if (Array.isArray(errors)) {
    for (const inner of errors) {
      const found = findCode(inner, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function connectionError(error: unknown, url: string, file: string): DownloadError {
  if (isAbort(error))
    return new DownloadError(`download of ${url} was aborted`, url, 'aborted', file);
  const code = findCode(error);
  const offline = code === undefined ? undefined : OFFLINE_CODES[code];
  if (offline !== undefined) {
    return new DownloadError(
      `could not download ${url}: ${offline} (${code}); expected a reachable server. ` +
        'If you are offline, point to a local directory of IDX files instead (--data-dir).',
      url,
      'offline',
      file,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new DownloadError(
    `could not download ${url}: ${detail}${code === undefined ? '' : ` (${code})`}`,
    url,
    'network',
    file,
  );
}

function parseLength(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

async function fileSystemStep<T>(
  what: string,
  url: string,
  file: string,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new DownloadError(
      `could not ${what} while downloading ${url}: ${(error as Error).message}`,
      url,
      'file-system',
      file,
    );
  }
}

/**
 * Downloads a URL to a file atomically: streams into a temp file in the destination's directory,
 * checks the length and SHA-256, then renames; on any failure the temp file is removed.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<void> {
  const { url, destination, expectedSha256, onProgress, signal } = options;
  const fetchImpl: FetchLike = options.fetchImpl ?? ((u, init) => fetch(u, init));
  const dir = dirname(destination);
  const fileName = basename(destination);
  await fileSystemStep('create the cache directory', url, destination, () =>
    mkdir(dir, { recursive: true }),
  );

  let response: Response;
  try {
    // identity: the checksums are of the .gz bytes as published, not of a re-encoded body.
    response = await fetchImpl(url, { headers: { 'accept-encoding': 'identity' }, signal });
  } catch (error) {
    throw connectionError(error, url, destination);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadError(
      `could not download ${url}: expected HTTP 200, got ${response.status} ${response.statusText}`.trim(),
      url,
      'http-status',
      destination,
    );
  }

  const total = parseLength(response.headers.get('content-length'));
  // A dot-name ending in .part never matches a standard IDX name, so no loader mistakes it for data.
  const temp = join(dir, `.${fileName}.${process.pid}.${randomBytes(6).toString('hex')}.part`);
  const handle = await fileSystemStep('create a temp file', url, destination, () =>
    open(temp, 'wx'),
  );
  let closed = false;
  try {
    const hash = createHash('sha256');
    let received = 0;
    onProgress?.(0, total, fileName);
    const reader = response.body?.getReader();
    while (reader !== undefined) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (isAbort(error)) throw connectionError(error, url, destination);
        const expected = total === undefined ? '' : ` of the ${total} announced by Content-Length`;
        throw new DownloadError(
          `could not download ${url}: the connection broke after ${received} bytes${expected} (${(error as Error).message})`,
          url,
          'truncated',
          destination,
        );
      }
      if (chunk.done) break;
      const bytes = chunk.value;
      await fileSystemStep('write the temp file', url, destination, () => handle.write(bytes));
      hash.update(bytes);
      received += bytes.length;
      onProgress?.(received, total, fileName);
    }
    if (total !== undefined && received !== total) {
      throw new DownloadError(
        `could not download ${url}: expected ${total} bytes (Content-Length), received ${received}`,
        url,
        'truncated',
        destination,
      );
    }
    const actual = hash.digest('hex');
    if (expectedSha256 !== undefined && actual !== expectedSha256.toLowerCase()) {
      throw new DownloadError(
        `checksum mismatch for ${url}: expected SHA-256 ${expectedSha256.toLowerCase()}, got ${actual} ` +
          `(${received} bytes); the file was not saved`,
        url,
        'checksum',
        destination,
      );
    }
    await handle.sync();
    await handle.close();
    closed = true;
    await fileSystemStep('move the verified download into place', url, destination, () =>
      rename(temp, destination),
    );
  } catch (error) {
    if (!closed) await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}
