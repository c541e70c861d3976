/** Background and text colour of one heatmap cell, as #rrggbb strings Ink accepts. */
export interface CellColours {
  readonly background: string;
  readonly text: string;
}

/** ColorBrewer's 9-class sequential 'Blues', the ramp matplotlib and seaborn call 'Blues'. */
export const BLUES: readonly string[] = [
  '#f7fbff',
  '#deebf7',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#08519c',
  '#08306b',
];

/** ColorBrewer's 'Greens', used for the diagonal so correct predictions stand apart from errors. */
export const GREENS: readonly string[] = [
  '#f7fcf5',
  '#e5f5e0',
  '#c7e9c0',
  '#a1d99b',
  '#74c476',
  '#41ab5d',
  '#238b45',
  '#006d2c',
  '#00441b',
];

const DARK_TEXT = '#000000';
const LIGHT_TEXT = '#ffffff';

/**
 * The colour of `value` in [0, 1] on a sequential ramp, interpolated between its stops. Values
 * outside the range are clamped; NaN counts as 0 (an empty row has no errors to show).
 */
export function rampColour(ramp: readonly string[], value: number): string {
  const v = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  const position = v * (ramp.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(ramp.length - 1, lower + 1);
  const t = position - lower;
  const a = parseHex(ramp[lower] as string);
  const b = parseHex(ramp[upper] as string);
  return toHex(a.map((channel, i) => channel + ((b[i] as number) - channel) * t));
}

/**
 * Colours for a confusion-matrix cell from its row-normalized value: blue off the diagonal, green on
 * it, with black or white text, whichever contrasts more with the background.
 */
export function heatmapCellColours(rowFraction: number, onDiagonal: boolean): CellColours {
  // Errors are mostly a few percent of a row; on a linear ramp they would all look white, so the
  // blue ramp follows the square root (still monotonic: darker always means more confusion).
  const position = onDiagonal ? rowFraction : Math.sqrt(Math.max(0, rowFraction));
  const background = rampColour(onDiagonal ? GREENS : BLUES, position);
  return { background, text: readableTextColour(background) };
}

/** Black on light backgrounds, white on dark ones, by WCAG relative luminance. */
export function readableTextColour(background: string): string {
  const [r, g, b] = parseHex(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is (1.05)/(L+0.05), with black (L+0.05)/0.05; equal where L ≈ 0.179.
  return luminance > 0.179 ? DARK_TEXT : LIGHT_TEXT;
}

function parseHex(hex: string): number[] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`expected a colour as #rrggbb, found ${JSON.stringify(hex)}`);
  return [m[1], m[2], m[3]].map((h) => Number.parseInt(h as string, 16));
}

function toHex(channels: number[]): string {
  return `#${channels
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
