import type { MistakeSample } from '@digitlab/session';
import { classLabel } from './class-label.js';
import type { ColourDepth } from './colour-depth.js';
import { type DigitPanelModel, tileLines } from './digit-panel-model.js';
import { imageDomain } from './image-colour.js';
import type { TileRoom } from './tile-grid.js';

/** What the mistakes panel needs to know. */
export interface MistakesPanelInput {
  readonly sample?: MistakeSample;
  readonly classNames: readonly string[];
  /** "iter", "epoch", … for the title. */
  readonly unitLabel: string;
  /** The panel's inside: the title line and the tiles. */
  readonly room: TileRoom;
  readonly depth: ColourDepth;
}

/** Tiles the panel prefers to show before it shrinks them (a row or two of errors). */
const MISTAKES_WANTED = 10;

/**
 * The `m` panel: test samples the latest evaluation got wrong, captioned `true → predicted`, drawn
 * on one grey scale shared by all of them (white paper to black ink, as the figures package does).
 */
export function mistakesPanelModel({
  sample,
  classNames,
  unitLabel,
  room,
  depth,
}: MistakesPanelInput): DigitPanelModel {
  const title = sample
    ? `misclassified · ${unitLabel} ${sample.step} · ${sample.wrong} of ${sample.total} test samples`
    : 'misclassified test samples';
  const only = (message: string): DigitPanelModel => ({ title, legend: '', lines: [], message });
  if (!sample) return only('waiting for the first held-out evaluation…');
  const { shape } = sample;
  const drawable = sample.mistakes.filter((m) => m.pixels !== undefined);
  if (!shape) return only('the test samples are not 2-D images: nothing to draw');
  if (drawable.length === 0) return only(`no mistakes at ${unitLabel} ${sample.step}`);
  const domain = imageDomain(
    'sequential',
    drawable.map((m) => m.pixels as Float32Array),
  );
  const tiles = tileLines(
    {
      scale: 'sequential',
      shape,
      domain,
      images: drawable.map((m) => ({
        values: m.pixels as Float32Array,
        caption: (width: number) =>
          mistakeCaption(
            classNames[m.trueClass] ?? String(m.trueClass),
            classNames[m.predictedClass] ?? String(m.predictedClass),
            width,
          ),
      })),
    },
    { columns: room.columns, rows: room.rows - 1 },
    depth,
    MISTAKES_WANTED,
  );
  if (!tiles) return only('enlarge the terminal to see the mistakes');
  return {
    title,
    // The captions are the key; digits need no colour scale.
    legend: 'true → predicted',
    lines: tiles.lines,
  };
}

/** "4 → 9" in `width` cells; long class names share the room, each cut the same way. */
export function mistakeCaption(trueName: string, predictedName: string, width: number): string {
  const full = `${trueName} → ${predictedName}`;
  if ([...full].length <= width) return full;
  const side = Math.max(1, Math.floor((width - 3) / 2));
  const cut = `${classLabel(trueName, side)} → ${classLabel(predictedName, side)}`;
  return [...cut].slice(0, Math.max(0, width)).join('');
}
