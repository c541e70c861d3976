import { scheme } from 'vega';

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/**
 * A colour scale as both halves of a figure need it: the Vega-Lite scale that draws marks and the
 * colour bar, and the same mapping in TypeScript for pixels embedded as images and for choosing a
 * text colour that reads on a cell.
 */
export interface ColourScale {
  /** The Vega-Lite `scale` of a quantitative colour encoding over `domain`. */
  readonly vegaLite: Record<string, unknown>;
  readonly domain: readonly [number, number];
  /** The colour of `value` (clamped to the domain). */
  colour(value: number): Rgb;
}

/** A named vega scheme (e.g. 'magma', 'redblue') over `domain`, from its low to its high end. */
export function schemeScale(name: string, domain: readonly [number, number]): ColourScale {
  const interpolate = scheme(name) as ((t: number) => string) | undefined;
  if (typeof interpolate !== 'function') throw new Error(`unknown vega colour scheme ${name}`);
  const [lo, hi] = domain;
  return {
    vegaLite: { scheme: name, domain: [lo, hi], clamp: true },
    domain,
    colour: (value) => parseRgb(interpolate(unit(value, lo, hi))),
  };
}

/** White to black in RGB: ink on paper, for digits and other non-negative images. */
export function inkScale(domain: readonly [number, number]): ColourScale {
  const [lo, hi] = domain;
  return {
    vegaLite: { range: ['#ffffff', '#000000'], interpolate: 'rgb', domain: [lo, hi], clamp: true },
    domain,
    colour: (value) => {
      const level = Math.round(255 * (1 - unit(value, lo, hi)));
      return [level, level, level];
    },
  };
}

/** `#rrggbb` for an RGB colour. */
export function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export const BLACK = '#000000';
export const WHITE = '#ffffff';

/** Black or white, whichever contrasts more with `background` (WCAG contrast ratio). */
export function readableOn(background: Rgb): typeof BLACK | typeof WHITE {
  const l = luminance(background);
  const withBlack = (l + 0.05) / 0.05;
  const withWhite = 1.05 / (l + 0.05);
  return withBlack >= withWhite ? BLACK : WHITE;
}

function unit(value: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0.5;
  const t = (value - lo) / (hi - lo);
  return Math.min(1, Math.max(0, t));
}

function parseRgb(css: string): Rgb {
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb !== null) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (long !== null)
    return [parseInt(long[1]!, 16), parseInt(long[2]!, 16), parseInt(long[3]!, 16)];
  throw new Error(`unexpected colour ${css} from vega`);
}
