import type { MistakeSample } from '@digitlab/session';
import { useMemo } from 'react';
import type { ColourDepth } from '../../view-models/colour-depth.js';
import type { DigitPanelLayout } from '../../view-models/layout.js';
import { mistakesPanelModel } from '../../view-models/mistakes-panel-model.js';
import { DigitPanel } from './digit-panel.js';

/** Props of the mistakes panel. */
export interface MistakesPanelProps {
  readonly sample?: MistakeSample;
  readonly classNames: readonly string[];
  readonly unitLabel: string;
  readonly layout: DigitPanelLayout;
  readonly depth: ColourDepth;
}

/** Key `m`: test samples the latest evaluation got wrong, captioned `true → predicted`. */
export function MistakesPanel({
  sample,
  classNames,
  unitLabel,
  layout,
  depth,
}: MistakesPanelProps) {
  // Pictures are redrawn only when they, the room or the colours change, not on every progress frame.
  const { columns, rows } = layout.room;
  const model = useMemo(
    () =>
      mistakesPanelModel({
        ...(sample ? { sample } : {}),
        classNames,
        unitLabel,
        room: { columns, rows },
        depth,
      }),
    [sample, classNames, unitLabel, columns, rows, depth],
  );
  return <DigitPanel model={model} layout={layout} />;
}
