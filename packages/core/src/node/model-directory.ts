import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ArtifactError } from '../errors.js';
import { ARTIFACT_FORMAT_VERSION, MANIFEST_FILE, type ModelArtifact } from '../model-artifact.js';
import { type ModelMetadata, validateModelMetadata } from '../model-metadata.js';
import { parseArtifactJson } from '../parse-artifact-json.js';
import {
  committedDirectory,
  DirectoryWriteError,
  replaceDirectoryAtomically,
} from './atomic-directory.js';
import { pathExists } from './path-exists.js';

interface Manifest {
  format: 'digitlab-model';
  version: number;
  plugin: string;
  files: Record<string, { bytes: number; sha256: string }>;
  metadata: ModelMetadata;
}

const SAFE_FILE_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Write a model directory atomically (protocol in atomic-directory.ts): the files and then the
 * manifest go to a sibling temp directory, fsynced, which then replaces `dir` by renames. Killed at
 * any moment, `dir` loads as the complete old model or the complete new one; a failure (read-only
 * or full location) is an ArtifactError saying where, with anything already at `dir` untouched.
 */
export async function saveModel(dir: string, artifact: ModelArtifact): Promise<void> {
  const target = resolve(dir);
  for (const name of Object.keys(artifact.files)) {
    if (!isSafeFileName(name) || name === MANIFEST_FILE) {
      throw new ArtifactError(
        `plugin '${artifact.plugin}' produced an invalid file name ${JSON.stringify(name)}`,
        target,
      );
    }
  }
  await refuseForeignDirectory(target);
  const files: Manifest['files'] = {};
  for (const [name, bytes] of Object.entries(artifact.files)) {
    files[name] = { bytes: bytes.byteLength, sha256: sha256(bytes) };
  }
  const manifest: Manifest = {
    format: 'digitlab-model',
    version: ARTIFACT_FORMAT_VERSION,
    plugin: artifact.plugin,
    files,
    metadata: artifact.metadata,
  };
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  try {
    await replaceDirectoryAtomically(target, {
      files: artifact.files,
      last: { name: MANIFEST_FILE, bytes: manifestBytes },
    });
  } catch (error) {
    if (!(error instanceof DirectoryWriteError)) throw error;
    throw new ArtifactError(
      `could not save the model: ${error.problem}; ${error.keptExisting ? 'the model already there is unchanged' : 'nothing was written'}`,
      target,
    );
  }
}

/** Read a model directory written by `saveModel`, verifying every file's size and checksum. */
export async function readModelArtifact(dir: string): Promise<ModelArtifact> {
  // Where a save killed half-way through its swap left the committed model (atomic-directory.ts).
  const target = await committedDirectory(resolve(dir), MANIFEST_FILE);
  const manifestPath = join(target, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ArtifactError(
        `expected a saved digitlab model (a directory holding ${MANIFEST_FILE}), found ${(await pathExists(target)) ? 'no manifest' : 'nothing'}`,
        target,
      );
    }
    throw new ArtifactError(`could not read ${MANIFEST_FILE}: ${(error as Error).message}`, target);
  }
  const manifest = parseArtifactJson(text, manifestPath) as Manifest;
  if (manifest?.format !== 'digitlab-model') {
    throw new ArtifactError(
      `expected "format": "digitlab-model", found ${JSON.stringify(manifest?.format)}`,
      manifestPath,
    );
  }
  if (manifest.version !== ARTIFACT_FORMAT_VERSION) {
    throw new ArtifactError(
      `expected format version ${ARTIFACT_FORMAT_VERSION}, found ${JSON.stringify(manifest.version)}`,
      manifestPath,
    );
  }
  if (typeof manifest.plugin !== 'string' || manifest.plugin.length === 0) {
    throw new ArtifactError(
      `expected "plugin" to name a classifier plugin, found ${JSON.stringify(manifest.plugin)}`,
      manifestPath,
    );
  }
  if (
    typeof manifest.files !== 'object' ||
    manifest.files === null ||
    Array.isArray(manifest.files)
  ) {
    throw new ArtifactError(
      `expected a "files" table (file name → {bytes, sha256}), found ${JSON.stringify(manifest.files)?.slice(0, 80)}`,
      manifestPath,
    );
  }
  const metadata = validateModelMetadata(manifest.metadata, manifestPath);
  const files: Record<string, Uint8Array> = {};
  for (const [name, entry] of Object.entries(manifest.files)) {
    if (!isSafeFileName(name)) {
      throw new ArtifactError(
        `invalid file name ${JSON.stringify(name)} in the files table`,
        manifestPath,
      );
    }
    if (!isFileEntry(entry)) {
      throw new ArtifactError(
        `expected files[${JSON.stringify(name)}] to be {"bytes": a byte count, "sha256": 64 hex digits}, found ${JSON.stringify(entry)?.slice(0, 120)}`,
        manifestPath,
      );
    }
    const path = join(target, name);
    // The size on disk first: a file is read only once it is the size the manifest says.
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) {
      throw new ArtifactError(
        `expected the model file ${name} (${entry.bytes} bytes), found ${info === undefined ? 'it missing' : 'something else (a directory?)'}`,
        path,
      );
    }
    if (info.size !== entry.bytes) {
      throw new ArtifactError(
        `expected ${entry.bytes} bytes, found ${info.size} (truncated or replaced file)`,
        path,
      );
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (error) {
      throw new ArtifactError(`could not read the model file: ${(error as Error).message}`, path);
    }
    if (bytes.byteLength !== entry.bytes) {
      throw new ArtifactError(
        `expected ${entry.bytes} bytes, found ${bytes.byteLength} (the file changed while it was read)`,
        path,
      );
    }
    if (sha256(bytes) !== entry.sha256) {
      throw new ArtifactError(
        `checksum mismatch: expected sha256 ${entry.sha256}, found ${sha256(bytes)} (corrupt file)`,
        path,
      );
    }
    files[name] = bytes;
  }
  return { plugin: manifest.plugin, metadata, files };
}

/** A plain file name: letters, digits, `.`, `_`, `-`, and not `.` or `..` (which name directories). */
function isSafeFileName(name: string): boolean {
  return SAFE_FILE_NAME.test(name) && name !== '.' && name !== '..';
}

function isFileEntry(entry: unknown): entry is { bytes: number; sha256: string } {
  const e = entry as { bytes?: unknown; sha256?: unknown } | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    Number.isSafeInteger(e.bytes) &&
    (e.bytes as number) >= 0 &&
    typeof e.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(e.sha256)
  );
}

async function refuseForeignDirectory(target: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch {
    return;
  }
  if (!info.isDirectory()) {
    throw new ArtifactError(
      'expected a directory (or nothing) to save the model into, found a file',
      target,
    );
  }
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw new ArtifactError(
      `refusing to replace a non-empty directory that is not a saved digitlab model (it holds ${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''})`,
      target,
    );
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
