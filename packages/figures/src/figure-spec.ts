import { FONT_FAMILY } from './font.js';

/** Looks shared by every figure: our font, plain weights, matplotlib-like sizes, white ground. */
const FIGURE_CONFIG = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: {
    fontSize: 15,
    fontWeight: 'normal',
    subtitleFontSize: 12,
    subtitleColor: '#444444',
    offset: 10,
    subtitlePadding: 4,
  },
  axis: {
    labelFontSize: 11,
    labelColor: '#222222',
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#111111',
    domainColor: '#444444',
    tickColor: '#444444',
  },
  legend: {
    // A thin frame, so a colour bar's white end still shows where it stops.
    gradientStrokeColor: '#8a8a8a',
    gradientStrokeWidth: 0.75,
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    labelColor: '#222222',
  },
  header: { labelFontSize: 12, titleFontWeight: 'normal' },
} as const;

/** FIGURE_CONFIG with light grey grid lines, for the plots that draw a grid. */
const GRID_CONFIG = {
  ...FIGURE_CONFIG,
  axis: { ...FIGURE_CONFIG.axis, gridColor: '#e6e6e6' },
} as const;

/** A figure's title block. */
export interface FigureTitle {
  readonly text: string;
  /** Left out of the spec when undefined. */
  readonly subtitle?: string | undefined;
  /** Where the title sits; Vega-Lite's default for the view when absent. */
  readonly anchor?: 'start' | 'middle' | 'end';
  /** The widest the subtitle may be, in pixels, before it is cut short. */
  readonly subtitleLimit?: number;
}

/**
 * What every figure's Vega-Lite spec opens with: the schema, the looks shared by every figure
 * (with light grid lines when `grid`, for the plots that draw them) and the title.
 */
export function figureSpecHead(title: FigureTitle, options: { readonly grid?: boolean } = {}) {
  const { subtitle, ...rest } = title;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: options.grid ? GRID_CONFIG : FIGURE_CONFIG,
    title: subtitle === undefined ? rest : { ...rest, subtitle },
  };
}
