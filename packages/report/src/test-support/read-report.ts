import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir`, relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** How many different RGBA colours a decoded PNG holds. */
export function distinctColours(png: { data: Uint8Array }): number {
  const seen = new Set<number>();
  const view = new DataView(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  for (let i = 0; i + 3 < png.data.length; i += 4) seen.add(view.getUint32(i));
  return seen.size;
}
