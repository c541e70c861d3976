import type { ModelMetadata } from '@digitlab/core';

/** One class and its probability, as predict reports it. */
export interface ClassProbability {
  readonly class: string;
  readonly label: number;
  readonly probability: number;
}

/** What predict says of one input: the most probable class, and the runner-up. */
export interface Prediction extends ClassProbability {
  readonly runner_up?: ClassProbability;
}

/** The `count` most probable classes of row `row` of a rows × k probability matrix, best first. */
export function topClasses(
  probabilities: ArrayLike<number>,
  row: number,
  metadata: Pick<ModelMetadata, 'numClasses' | 'classNames'>,
  count: number,
): ClassProbability[] {
  const k = metadata.numClasses;
  const p = (c: number) => probabilities[row * k + c] as number;
  // Ties keep the lower label first, as argmax does.
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => p(b) - p(a) || a - b);
  return order.slice(0, count).map((label) => ({
    class: metadata.classNames[label] ?? String(label),
    label,
    probability: p(label),
  }));
}

/** Each row's prediction: its best class with the probability, and the runner-up. */
export function predictionsOf(
  probabilities: ArrayLike<number>,
  count: number,
  metadata: Pick<ModelMetadata, 'numClasses' | 'classNames'>,
): Prediction[] {
  return Array.from({ length: count }, (_, row) => {
    const [best, runnerUp] = topClasses(probabilities, row, metadata, 2) as [
      ClassProbability,
      ClassProbability | undefined,
    ];
    return runnerUp === undefined ? best : { ...best, runner_up: runnerUp };
  });
}
