import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IMAGE_EXTENSIONS } from './image-extensions.js';

/** A path that is not read, and why. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

/** The image files found under some paths, and what was passed over. */
export interface ImageFileList {
  readonly files: string[];
  readonly skipped: SkippedFile[];
}

/**
 * The image files that `paths` name: a file as given (its content decides whether it is an image),
 * a directory searched recursively, in name order, for files ending in IMAGE_EXTENSIONS (any case);
 * its other files are listed as skipped with the reason, as are paths that do not exist.
 */
export async function listImageFiles(paths: readonly string[]): Promise<ImageFileList> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
  const searched = new Set<string>();
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      skipped.push({
        file: path,
        reason:
          code === 'ENOENT'
            ? 'no such file or directory'
            : `cannot be read (${code ?? (error as Error).message})`,
      });
      return;
    }
    if (info.isDirectory()) {
      // A link back up the tree would otherwise be searched forever.
      const real = await realpath(path);
      if (searched.has(real)) return;
      searched.add(real);
      const entries = (await readdir(path)).sort();
      for (const entry of entries) await visit(join(path, entry), false);
    } else if (explicit || IMAGE_EXTENSIONS.includes(extname(path).toLowerCase())) {
      files.push(path);
    } else {
      skipped.push({
        file: path,
        reason: `not an image file name (expected ${IMAGE_EXTENSIONS.join(', ')})`,
      });
    }
  };
  for (const path of paths) await visit(path, true);
  return { files, skipped };
}
