// @digitlab/figures/testing: readers for tests of figures. They need @xmldom/xmldom and pngjs,
// which only tests install.
import { DOMParser, type Element } from '@xmldom/xmldom';
import { PNG } from 'pngjs';
import type { Rgb } from '../colour-scale.js';

/** Parses SVG markup as XML; throws on any well-formedness error. */
export function parseSvg(svg: string): Element {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`SVG does not parse: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root === null || root.tagName !== 'svg') throw new Error('no <svg> root element');
  return root;
}

/** Every element under `root` (depth first) whose `aria-roledescription` is `role`. */
export function marks(root: Element, role: string): Element[] {
  return descendants(root).filter((el) => el.getAttribute('aria-roledescription') === role);
}

/** Every element under `root`, depth first. */
export function descendants(root: Element): Element[] {
  const out: Element[] = [];
  const visit = (el: Element) => {
    for (let child = el.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 1) {
        out.push(child as Element);
        visit(child as Element);
      }
    }
  };
  visit(root);
  return out;
}

/** The text content of every `<text>` element. */
export function texts(root: Element): string[] {
  return descendants(root)
    .filter((el) => el.tagName === 'text')
    .map((el) => el.textContent ?? '');
}

/** An axis-aligned box in SVG pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The sum of `translate(x,y)` transforms on `el` and its ancestors (vega uses no others on marks). */
export function offsetOf(el: Element): { x: number; y: number } {
  let x = 0;
  let y = 0;
  for (let node: Element | null = el; node !== null; node = node.parentNode as Element | null) {
    if (node.nodeType !== 1) break;
    const t = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(node.getAttribute('transform') ?? '');
    if (t !== null) {
      x += Number(t[1]);
      y += Number(t[2]);
    }
  }
  return { x, y };
}

/** The box of a vega rect mark (`<path d="Mx,yhWvHh-WZ">`) in figure coordinates. */
export function rectBox(path: Element): Box {
  const d = /^M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h/.exec(path.getAttribute('d') ?? '');
  if (d === null) throw new Error(`not a rect path: ${path.getAttribute('d')}`);
  const { x, y } = offsetOf(path);
  return { x: x + Number(d[1]), y: y + Number(d[2]), width: Number(d[3]), height: Number(d[4]) };
}

/** The box of an `<image>` element in figure coordinates. */
export function imageBox(image: Element): Box {
  const { x, y } = offsetOf(image);
  return {
    x,
    y,
    width: Number(image.getAttribute('width')),
    height: Number(image.getAttribute('height')),
  };
}

/** A decoded PNG with pixel access. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  pixel(x: number, y: number): Rgb;
}

/** Decodes PNG bytes (throws if they are not a PNG). */
export function decodePng(bytes: Uint8Array): Raster {
  const png = PNG.sync.read(Buffer.from(bytes));
  return {
    width: png.width,
    height: png.height,
    pixel(x, y) {
      const i = 4 * (Math.floor(y) * png.width + Math.floor(x));
      return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    },
  };
}

/** The pixels of `raster` inside `box` (SVG pixels times `scale`), shrunk by `inset` device pixels. */
export function pixelsIn(raster: Raster, box: Box, scale: number, inset = 0): Rgb[] {
  const out: Rgb[] = [];
  const x0 = Math.ceil(box.x * scale) + inset;
  const y0 = Math.ceil(box.y * scale) + inset;
  const x1 = Math.floor((box.x + box.width) * scale) - inset;
  const y1 = Math.floor((box.y + box.height) * scale) - inset;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out.push(raster.pixel(x, y));
  return out;
}

/** Euclidean distance between two colours in RGB. */
export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** The most frequent colour among `pixels`. */
export function modeColour(pixels: readonly Rgb[]): Rgb {
  const counts = new Map<string, { colour: Rgb; n: number }>();
  for (const p of pixels) {
    const key = p.join(',');
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { colour: p, n: 1 });
    else entry.n++;
  }
  let best: { colour: Rgb; n: number } | undefined;
  for (const entry of counts.values()) if (best === undefined || entry.n > best.n) best = entry;
  if (best === undefined) throw new Error('no pixels');
  return best.colour;
}

/** Decodes a `data:image/png;base64,…` URL. */
export function decodeDataUrl(url: string): Raster {
  const prefix = 'data:image/png;base64,';
  if (!url.startsWith(prefix)) throw new Error(`not a PNG data URL: ${url.slice(0, 40)}`);
  return decodePng(Buffer.from(url.slice(prefix.length), 'base64'));
}

/** Where on a vega scheme (0 to 1) a colour lies: the nearest of 1,001 samples. */
export function positionOnScheme(interpolate: (t: number) => Rgb, colour: Rgb): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let i = 0; i <= 1000; i++) {
    const d = colourDistance(interpolate(i / 1000), colour);
    if (d < bestDistance) {
      bestDistance = d;
      best = i / 1000;
    }
  }
  return best;
}

/** Dark pixels in the band just above the baseline of the `<text>` that starts with `prefix`. */
export function inkAtText(root: Element, raster: Raster, scale: number, prefix: string): number {
  const text = descendants(root).find(
    (el) => el.tagName === 'text' && (el.textContent ?? '').startsWith(prefix),
  );
  if (text === undefined) throw new Error(`no text starting with ${JSON.stringify(prefix)}`);
  const { x, y } = offsetOf(text);
  const anchor = text.getAttribute('text-anchor');
  const left = anchor === 'middle' ? x - 60 : anchor === 'end' ? x - 120 : x;
  const band = { x: left, y: y - 12, width: 120, height: 12 };
  return pixelsIn(raster, band, scale).filter((p) => p[0] + p[1] + p[2] < 3 * 128).length;
}
