import type { Dataset } from '@digitlab/datasets';
import type { SessionEvent } from '../session-events.js';
import { gradientDescentPlugin } from '../testing/gradient-descent-plugin.js';
import { toySplits } from '../testing/toy-splits.js';
import { TrainingSession, type TrainingSessionConfig } from '../training-session.js';

/** Toy data whose 12 features are 3×4 images, so the toy plugin's inspect() has a shape. */
export function imageSplits() {
  const data = toySplits(10, 10, 12);
  const asImages = (d: Dataset): Dataset => ({ ...d, imageShape: [3, 4] });
  return { ...data, train: asImages(data.train), test: asImages(data.test) };
}

/**
 * A session of the toy gradient-descent plugin on toy data (10 + 10 samples, 12 features),
 * evaluated every 5 steps, with every event it sends recorded in `events`.
 */
export function recordedSession(
  options: Record<string, unknown>,
  extra: Partial<TrainingSessionConfig> = {},
) {
  const s = new TrainingSession({
    plugin: gradientDescentPlugin(),
    options,
    data: { dataset: 'mnist', sampling: { kind: 'full' }, seed: 0 },
    evalEvery: 5,
    saveDir: 'unused',
    backend: 'cpu',
    loadData: async () => toySplits(10, 10, 12),
    ...extra,
  });
  const events: SessionEvent[] = [];
  s.subscribe((e) => events.push(e));
  return { s, events };
}
