import type { ConfusedPairSummary } from '@digitlab/session';

/** "4 → 9: 37 (3.8%)": true → predicted, how many, and the share of the true class. */
export function confusedPairText(pair: ConfusedPairSummary, classNames: readonly string[]): string {
  const name = (c: number) => classNames[c] ?? String(c);
  return `${name(pair.trueClass)} → ${name(pair.predictedClass)}: ${pair.count} (${(pair.rate * 100).toFixed(1)}%)`;
}

/** Between two pairs on one line. */
export const PAIR_SEPARATOR = ' · ';

/**
 * Pair texts, in order, packed into at most `lines` lines of `width` cells whose first `indent`
 * cells hold a label: as many pairs as fit whole (a pair too long for any line goes alone on one,
 * to be cut there). Returns the pairs of each line used.
 */
export function packConfusedPairs(
  texts: readonly string[],
  width: number,
  lines: number,
  indent: number,
): string[][] {
  const room = width - indent;
  const packed: string[][] = [];
  let line: string[] = [];
  let used = 0;
  for (const text of texts) {
    const length = [...text].length;
    if (line.length > 0 && used + PAIR_SEPARATOR.length + length > room) {
      packed.push(line);
      line = [];
      used = 0;
    }
    if (line.length === 0 && packed.length >= lines) break;
    used += (line.length > 0 ? PAIR_SEPARATOR.length : 0) + length;
    line.push(text);
  }
  if (line.length > 0) packed.push(line);
  return packed;
}
