import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ChecksumTable, expectedChecksum } from '../checksums.js';
import type { DatasetSplits } from '../dataset.js';
import { DatasetError, DownloadError, IdxFormatError } from '../errors.js';
import { IDX_FILE_NAMES, IDX_FILE_ROLES, type IdxFileRole } from '../idx-file-names.js';
import { type LoadedIdx, splitsFromLoadedFiles } from '../splits-from-idx.js';
import {
  type DownloadFileOptions,
  downloadFile,
  type FetchLike,
  type ProgressCallback,
} from './download-file.js';
import { decodeIdxAsync } from './read-idx.js';

/** Options for loadDatasetFromUrl. */
export interface UrlLoadOptions {
  /** Where downloads are kept; files found here (and matching any known checksum) are not fetched again. */
  readonly cacheDir: string;
  /** The dataset's name; 'mnist' and 'fashion-mnist' bring their known checksums and class names. */
  readonly name: string;
  readonly classNames?: readonly string[];
  /** SHA-256 per .gz file name; overrides the known table entry by entry. */
  readonly checksums?: ChecksumTable;
  readonly onProgress?: ProgressCallback;
  /** Defaults to the global fetch. */
  readonly fetchImpl?: FetchLike;
  readonly signal?: AbortSignal;
  /** Scale pixels to [0, 1]; default true. */
  readonly scale?: boolean;
}

function fileUrl(baseUrl: string, fileName: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new DatasetError(
      `expected a base URL such as https://example.org/mnist/, found '${baseUrl}'`,
    );
  }
  return new URL(fileName, base).toString();
}

async function readIfPresent(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DatasetError(
      `cannot read cached file ${path}: expected a readable file, ${(error as Error).message}`,
      path,
    );
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function cachedOrDownloaded(
  url: string,
  path: string,
  expected: string | undefined,
  download: Omit<DownloadFileOptions, 'url' | 'destination' | 'expectedSha256'>,
): Promise<{ bytes: Uint8Array; downloaded: boolean }> {
  const cached = await readIfPresent(path);
  // A cached copy that fails a known checksum is treated as absent and replaced.
  if (cached !== undefined && (expected === undefined || sha256(cached) === expected)) {
    return { bytes: cached, downloaded: false };
  }
  await downloadFile({ url, destination: path, expectedSha256: expected, ...download });
  const bytes = await readIfPresent(path);
  if (bytes === undefined) {
    throw new DownloadError(
      `downloaded ${url} to ${path}, but the file is gone; expected it to stay in the cache directory`,
      url,
      'file-system',
      path,
    );
  }
  return { bytes, downloaded: true };
}

async function loadOne(
  baseUrl: string,
  role: IdxFileRole,
  options: UrlLoadOptions,
): Promise<LoadedIdx> {
  const fileName = `${IDX_FILE_NAMES[role]}.gz`;
  const url = fileUrl(baseUrl, fileName);
  const path = join(options.cacheDir, fileName);
  const expected = expectedChecksum(options.name, fileName, options.checksums);
  const { bytes } = await cachedOrDownloaded(url, path, expected, {
    onProgress: options.onProgress,
    fetchImpl: options.fetchImpl,
    signal: options.signal,
  });
  try {
    return { file: path, idx: await decodeIdxAsync(bytes, path) };
  } catch (error) {
    // Without a checksum, a complete download can still be the wrong content (an HTML error page,
    // say); removing it means the next load fetches it again instead of failing the same way.
    if (error instanceof IdxFormatError) {
      await rm(path, { force: true });
      throw new IdxFormatError(
        `${error.message} (downloaded from ${url}; removed it from the cache)`,
        path,
      );
    }
    throw error;
  }
}

/**
 * Loads an MNIST-family dataset from a base URL serving the four standard .gz files, downloading
 * into cacheDir (verified, atomic) only what is not cached yet.
 */
export async function loadDatasetFromUrl(
  baseUrl: string,
  options: UrlLoadOptions,
): Promise<DatasetSplits> {
  fileUrl(baseUrl, IDX_FILE_NAMES.trainImages);
  // One file at a time: the first failure stops the run, and progress reads naturally.
  const loaded: LoadedIdx[] = [];
  for (const role of IDX_FILE_ROLES) loaded.push(await loadOne(baseUrl, role, options));
  return splitsFromLoadedFiles(loaded, options);
}
