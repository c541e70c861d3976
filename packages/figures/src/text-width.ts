import { FONT_FAMILY } from './font.js';

// Advance widths of DejaVu Sans (version 2.37, the `dejavu-fonts-ttf` package) in font units,
// 2048 to the em, read from the font's hmtx table for the characters below. Kerning is left out:
// it moves DejaVu text by well under a pixel at figure sizes. text-width.test.ts checks the table
// against the shipped font as resvg draws it.
const UNITS_PER_EM = 2048;
const CHARACTERS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~→…±–—·×≤≥‖°µé';
const ADVANCES = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401,
  1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612,
  1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300,
  1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067,
  803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716, 1716, 2048, 1716, 1024, 2048, 651,
  1716, 1716, 1716, 1024, 1024, 1303, 1260,
];
// Characters outside the table (other scripts, rare symbols) count as a digit's width.
const FALLBACK = 1303;

const advanceOf = new Map<string, number>();
for (let i = 0; i < CHARACTERS.length; i++) advanceOf.set(CHARACTERS[i]!, ADVANCES[i]!);

/** The width in pixels of `text` set in DejaVu Sans at `fontSize` pixels. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += advanceOf.get(ch) ?? FALLBACK;
  return (units * fontSize) / UNITS_PER_EM;
}

/** Whether a CSS font-family list names our font first (vega passes the item's `font`). */
export function isOurFont(font: unknown): boolean {
  if (typeof font !== 'string') return false;
  const first = font
    .split(',')[0]
    ?.trim()
    .replace(/^["']|["']$/g, '');
  return first === FONT_FAMILY;
}
