import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { PNG } from 'pngjs';

/** Every file under `dir`, relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Parse SVG markup as XML; throws on any well-formedness error. */
export function parseSvg(svg: string): Element {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`SVG does not parse: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root === null || root.tagName !== 'svg') throw new Error('expected an <svg> root element');
  return root;
}

/** Decode a PNG file; throws when it is not one. */
export async function readPng(path: string): Promise<PNG> {
  return PNG.sync.read(await readFile(path));
}

/** How many different RGBA colours a decoded PNG holds. */
export function distinctColours(png: { data: Uint8Array }): number {
  const seen = new Set<number>();
  const view = new DataView(png.data.buffer, png.data.byteOffset, png.data.byteLength);
  for (let i = 0; i + 3 < png.data.length; i += 4) seen.add(view.getUint32(i));
  return seen.size;
}
