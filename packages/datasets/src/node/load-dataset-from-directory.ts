import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSplits } from '../dataset.js';
import { DatasetError } from '../errors.js';
import { IDX_FILE_NAMES, IDX_FILE_ROLES, type IdxFileRole } from '../idx-file-names.js';
import { type LoadedIdx, splitsFromLoadedFiles } from '../splits-from-idx.js';
import { readIdx } from './read-idx.js';

/** Options for loadDatasetFromDirectory. */
export interface DirectoryLoadOptions {
  /** The dataset's name, e.g. 'mnist', 'fashion-mnist', 'kmnist'. */
  readonly name: string;
  /** Defaults to the known names for 'mnist' and 'fashion-mnist', else '0'..'n-1'. */
  readonly classNames?: readonly string[];
  /** Scale pixels to [0, 1]; default true. */
  readonly scale?: boolean;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function findFile(dir: string, role: IdxFileRole): Promise<string> {
  const candidates = [IDX_FILE_NAMES[role], `${IDX_FILE_NAMES[role]}.gz`];
  for (const candidate of candidates) {
    const path = join(dir, candidate);
    if (await isFile(path)) return path;
  }
  const wanted = IDX_FILE_ROLES.flatMap((r) => [IDX_FILE_NAMES[r], `${IDX_FILE_NAMES[r]}.gz`]);
  throw new DatasetError(
    `missing ${role} file in ${dir}: looked for ${candidates.join(' and ')} (a directory of IDX files needs one of each pair: ${wanted.join(', ')})`,
    join(dir, candidates[0]!),
  );
}

/** Loads train and test splits from a directory holding the four standard IDX files, raw or .gz. */
export async function loadDatasetFromDirectory(
  dir: string,
  options: DirectoryLoadOptions,
): Promise<DatasetSplits> {
  let isDirectory = false;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch {
    // Reported below with the expected contents.
  }
  if (!isDirectory) {
    throw new DatasetError(
      `data directory ${dir} does not exist or is not a directory; expected a directory holding ${Object.values(IDX_FILE_NAMES).join(', ')} (raw or .gz)`,
      dir,
    );
  }
  const paths = await Promise.all(IDX_FILE_ROLES.map((role) => findFile(dir, role)));
  const loaded = await Promise.all(
    paths.map(async (file): Promise<LoadedIdx> => ({ file, idx: await readIdx(file) })),
  );
  return splitsFromLoadedFiles(loaded, options);
}
