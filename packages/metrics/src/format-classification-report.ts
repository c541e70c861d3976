import type { ClassificationReport } from './classification-report.js';
import { formatFixed } from './format-fixed.js';
import type { AveragedScores } from './precision-recall-fscore-support.js';

const HEADERS = ['precision', 'recall', 'f1-score', 'support'] as const;
const COLUMN = 9;
const LONGEST_AVERAGE = 'weighted avg';

/**
 * Renders a report in scikit-learn's `classification_report` text layout: names right-aligned
 * to the widest of the names, 'weighted avg' and `digits`; each column right-aligned in 9
 * characters after a space; blank lines after the header and after the class rows; the
 * accuracy row shows only f1-score and support. Ends with a newline, as scikit-learn's does.
 */
export function formatClassificationReport(report: ClassificationReport): string {
  const digits = report.digits;
  let width = Math.max(LONGEST_AVERAGE.length, digits);
  for (const row of report.perClass) width = Math.max(width, codePoints(row.className));

  const cell = (text: string): ` ${string}` => ` ${text.padStart(COLUMN)}`;
  const line = (name: string, cells: readonly string[]): string =>
    `${padStart(name, width)} ${cells.map(cell).join('')}\n`;
  const scores = (s: Pick<AveragedScores, 'precision' | 'recall' | 'f1' | 'support'>): string[] => [
    formatFixed(s.precision, digits),
    formatFixed(s.recall, digits),
    formatFixed(s.f1, digits),
    String(s.support),
  ];

  let text = `${line('', HEADERS)}\n`;
  for (const row of report.perClass) text += line(row.className, scores(row));
  text += '\n';
  text += line('accuracy', [
    '',
    '',
    formatFixed(report.accuracy, digits),
    String(report.macroAvg.support),
  ]);
  text += line('macro avg', scores(report.macroAvg));
  text += line(LONGEST_AVERAGE, scores(report.weightedAvg));
  return text;
}

// Python pads by code points, not UTF-16 units, so astral class names align the same way.
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - codePoints(text))) + text;
}
