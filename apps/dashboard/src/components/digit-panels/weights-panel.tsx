import type { ModelImages } from '@digitlab/session';
import { useMemo } from 'react';
import type { ColourDepth } from '../../view-models/colour-depth.js';
import type { DigitPanelLayout } from '../../view-models/layout.js';
import { weightsPanelModel } from '../../view-models/weights-panel-model.js';
import { DigitPanel } from './digit-panel.js';

/** Props of the weights panel. */
export interface WeightsPanelProps {
  readonly images?: ModelImages;
  readonly classifier?: string;
  readonly unitLabel: string;
  readonly layout: DigitPanelLayout;
  readonly depth: ColourDepth;
}

/** Key `w`: the model's weights (or filters, or centroids) as pictures, live while training. */
export function WeightsPanel({ images, classifier, unitLabel, layout, depth }: WeightsPanelProps) {
  // Pictures are redrawn only when they, the room or the colours change, not on every progress frame.
  const { columns, rows } = layout.room;
  const model = useMemo(
    () =>
      weightsPanelModel({
        ...(images ? { images } : {}),
        ...(classifier === undefined ? {} : { classifier }),
        unitLabel,
        room: { columns, rows },
        depth,
      }),
    [images, classifier, unitLabel, columns, rows, depth],
  );
  return <DigitPanel model={model} layout={layout} />;
}
