import type { ModelImages } from '@digitlab/session';
import { classLabel } from './class-label.js';
import type { ColourDepth } from './colour-depth.js';
import { type DigitPanelModel, legendText, tileLines } from './digit-panel-model.js';
import { imageDomain } from './image-colour.js';
import type { TileRoom } from './tile-grid.js';

/** What the weights panel needs to know. */
export interface WeightsPanelInput {
  readonly images?: ModelImages;
  /** The plugin's name, for "knn has no weights to show". */
  readonly classifier?: string;
  /** "iter", "epoch", … for the title. */
  readonly unitLabel: string;
  /** The panel's inside: the title line and the tiles. */
  readonly room: TileRoom;
  readonly depth: ColourDepth;
}

/**
 * The `w` panel: the first image set of the latest model (a linear model's coefficients per class,
 * an MLP's first-layer filters, centroids), as many tiles as fit, captioned by their labels.
 */
export function weightsPanelModel({
  images,
  classifier,
  unitLabel,
  room,
  depth,
}: WeightsPanelInput): DigitPanelModel {
  const waiting = (message: string): DigitPanelModel => ({
    title: 'weights',
    legend: '',
    lines: [],
    message,
  });
  if (!images) return waiting('waiting for the first held-out evaluation…');
  if (images.error !== undefined)
    return waiting(`could not read the model's images: ${images.error}`);
  const set = images.sets[0];
  if (!set || set.images.length === 0)
    return waiting(`${classifier ?? 'this classifier'} has no weights to show`);
  const domain = imageDomain(
    set.scale,
    set.images.map((i) => i.values),
  );
  const tiles = tileLines(
    {
      scale: set.scale,
      shape: set.shape,
      domain,
      images: set.images.map((i) => ({
        values: i.values,
        caption: (width: number) => classLabel(i.label, width),
      })),
    },
    { columns: room.columns, rows: room.rows - 1 },
    depth,
  );
  const n = set.images.length;
  const parts = [set.title, `${unitLabel} ${images.step}`];
  if (tiles && tiles.shown < n) parts.push(`${tiles.shown} of ${n} shown`);
  if (images.sets.length > 1) parts.push(`set 1 of ${images.sets.length}`);
  const title = parts.join(' · ');
  if (!tiles) {
    return { title, legend: '', lines: [], message: 'enlarge the terminal to see the weights' };
  }
  return {
    title,
    legend: legendText(set.scale, domain, depth),
    lines: tiles.lines,
  };
}
