import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { FiguresError } from './figures-error.js';
import { FONT_FAMILY, FONT_FILES } from './font.js';

/** Options for `renderPng`. */
export interface PngOptions {
  /** Device pixels per SVG pixel; default 2, for sharp text on screens and in reports. */
  readonly scale?: number;
  /** A CSS colour behind the figure; default white. */
  readonly background?: string;
}

let fontPaths: string[] | undefined;

/** The shipped font files, resolved once from the `dejavu-fonts-ttf` package. */
function shippedFonts(): string[] {
  if (fontPaths === undefined) {
    const require = createRequire(import.meta.url);
    fontPaths = FONT_FILES.map((file) => require.resolve(`dejavu-fonts-ttf/${file}`));
  }
  return fontPaths;
}

/**
 * Rasterizes a figure's SVG to PNG bytes with resvg and the shipped DejaVu fonts only (no system
 * fonts), so text renders the same on every machine; embedded images keep crisp pixels.
 */
export function renderPng(svg: string, options: PngOptions = {}): Uint8Array {
  const scale = options.scale ?? 2;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 16)) {
    throw new FiguresError(
      'renderPng',
      'options.scale',
      'to be a number in (0, 16]',
      String(scale),
    );
  }
  const resvg = new Resvg(svg, {
    font: {
      fontFiles: shippedFonts(),
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'zoom', value: scale },
    background: options.background ?? 'white',
    // vega asks for `image-rendering: pixelated`, which resvg does not know; its own default
    // for raster images gives the same crisp pixels.
    imageRendering: 1,
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
