import type { ConfusedPairSummary } from '@digitlab/session';

/** "4 → 9: 37 (3.8%)": true → predicted, how many, and the share of the true class. */
export function confusedPairText(pair: ConfusedPairSummary, classNames: readonly string[]): string {
  const name = (c: number) => classNames[c] ?? String(c);
  return `${name(pair.trueClass)} → ${name(pair.predictedClass)}: ${pair.count} (${(pair.rate * 100).toFixed(1)}%)`;
}
