/**
 * The one font every figure is drawn in. The SVG names it, the PNG renderer loads it from the
 * `dejavu-fonts-ttf` package, and text widths are measured with its advance widths, so a figure
 * lays out and rasterizes the same on any machine, with or without system fonts.
 */
export const FONT_FAMILY = 'DejaVu Sans';

/** The font files `renderPng` loads, as paths inside the `dejavu-fonts-ttf` package. */
export const FONT_FILES = ['ttf/DejaVuSans.ttf', 'ttf/DejaVuSans-Bold.ttf'] as const;
