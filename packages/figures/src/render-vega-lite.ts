import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Figure } from './figure.js';
import { FiguresError } from './figures-error.js';
import { isOurFont, textWidth } from './text-width.js';

// vega lays text out with canvas measurements in a browser and with a rough estimate
// (0.8 em a character) in Node; DejaVu's real widths place axis titles, legends and captions
// where the rasterized text will be. vega-scenegraph exports this hook for exactly that
// (vl-convert sets it too); other fonts keep vega's estimate.
interface VegaTextItem {
  readonly font?: unknown;
  readonly fontSize?: number;
  readonly limit?: number;
}
interface VegaTextMetrics {
  width: (item: VegaTextItem, text: unknown) => number;
  estimateWidth: (item: VegaTextItem, text: unknown) => number;
}
const metrics = (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics;
const estimate = metrics.estimateWidth;
metrics.width = (item, text) => {
  if (!isOurFont(item.font)) return estimate(item, text);
  const line = text == null ? '' : String(text).trim();
  const width = textWidth(line, item.fontSize ?? 11);
  return item.limit !== undefined && item.limit > 0 ? Math.min(width, item.limit) : width;
};

// vega numbers gradients and clip paths with module-wide counters; resetting them before each
// render makes the SVG a function of the input alone. One render at a time keeps two figures
// drawn concurrently from interleaving their numbers.
let queue: Promise<unknown> = Promise.resolve();

/** Compiles a Vega-Lite spec and renders it to SVG headless; throws on any vega error. */
export function renderVegaLite(figure: string, spec: TopLevelSpec): Promise<Figure> {
  const rendered = queue.then(() => render(figure, spec));
  queue = rendered.catch(() => undefined);
  return rendered;
}

/**
 * A figure function from the function that builds its spec: the same arguments, the spec
 * rendered; undefined where the spec is undefined (nothing to draw). `figure` names it in errors.
 */
export function vegaLiteFigure<A extends unknown[]>(
  figure: string,
  spec: (...args: A) => TopLevelSpec,
): (...args: A) => Promise<Figure>;
export function vegaLiteFigure<A extends unknown[]>(
  figure: string,
  spec: (...args: A) => TopLevelSpec | undefined,
): (...args: A) => Promise<Figure | undefined>;
export function vegaLiteFigure<A extends unknown[]>(
  figure: string,
  spec: (...args: A) => TopLevelSpec | undefined,
): (...args: A) => Promise<Figure | undefined> {
  return async (...args) => {
    const built = spec(...args);
    return built === undefined ? undefined : renderVegaLite(figure, built);
  };
}

async function render(figure: string, spec: TopLevelSpec): Promise<Figure> {
  const errors: string[] = [];
  const logger = {
    level(_?: number) {
      return vega.Warn;
    },
    error(...args: unknown[]) {
      errors.push(args.map(String).join(' '));
      return this;
    },
    warn() {
      return this;
    },
    info() {
      return this;
    },
    debug() {
      return this;
    },
  };
  const compiled = compile(spec, { logger }).spec;
  vega.resetSVGDefIds();
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) {
      throw new FiguresError(
        figure,
        'the figure',
        'to render',
        `vega errors: ${errors.join('; ')}`,
      );
    }
    return { svg, ...svgSize(svg) };
  } finally {
    view.finalize();
  }
}

function svgSize(svg: string): { width: number; height: number } {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(open)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(open)?.[1]);
  return { width, height };
}
