import type { HeldOutEvaluation } from '@digitlab/core';
import type { Dataset } from '@digitlab/datasets';
import type { Mistake, MistakeSample } from './session-events.js';

/** How many misclassified test samples a mistakes event carries at most (with their pixels). */
export const MISTAKES_KEPT = 24;

/**
 * The wrong predictions of one held-out evaluation, up to `limit` of them with their pixels. The
 * true classes take turns (the first mistake of each class in test order, then the second…), so a
 * panel shows many kinds of error rather than the first class's many; and a sample keeps its place
 * from one evaluation to the next while it stays wrong.
 */
export function pickMistakes(
  evaluation: HeldOutEvaluation,
  test: Dataset,
  limit: number = MISTAKES_KEPT,
): MistakeSample {
  const { predictions, labels, numClasses } = evaluation;
  if (predictions.length !== labels.length || labels.length !== test.numSamples) {
    throw new RangeError(
      `pickMistakes: expected ${test.numSamples} predictions and labels (the test set), found ${predictions.length} and ${labels.length}`,
    );
  }
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  let wrong = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predictions[i] === labels[i]) continue;
    wrong++;
    const queue = byClass[labels[i] as number];
    if (queue && queue.length < limit) queue.push(i);
  }
  const chosen: number[] = [];
  for (let turn = 0; chosen.length < limit; turn++) {
    let any = false;
    for (const queue of byClass) {
      const index = queue[turn];
      if (index === undefined) continue;
      any = true;
      if (chosen.length < limit) chosen.push(index);
    }
    if (!any) break;
  }
  const shape = imageShapeOf(test);
  const d = test.numFeatures;
  const mistakes: Mistake[] = chosen.map((index) => ({
    index,
    trueClass: labels[index] as number,
    predictedClass: predictions[index] as number,
    // A copy: the event outlives this evaluation, and the test set must not be shared mutably.
    ...(shape ? { pixels: test.features.slice(index * d, (index + 1) * d) } : {}),
  }));
  return {
    step: evaluation.step,
    wrong,
    total: labels.length,
    ...(shape ? { shape } : {}),
    mistakes,
  };
}

/** [height, width] when the samples are 2-D images, else undefined. */
function imageShapeOf(data: Dataset): readonly [number, number] | undefined {
  const [height, width, ...rest] = data.imageShape;
  return height !== undefined && width !== undefined && rest.length === 0
    ? [height, width]
    : undefined;
}
