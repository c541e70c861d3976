import type { EvaluationSummary } from '@digitlab/session';
import { classLabel } from './class-label.js';
import { heatmapCellColours } from './heatmap-colour.js';
import type { MatrixLayout } from './layout.js';

/** One coloured cell of the heatmap, its text already padded to the cell width. */
export interface MatrixCell {
  readonly text: string;
  readonly background: string;
  readonly foreground: string;
  readonly diagonal: boolean;
}

/** One true class: its label, its cells and (when shown) its scores. */
export interface MatrixRow {
  readonly label: string;
  readonly cells: readonly MatrixCell[];
  readonly scores: string;
}

/** The confusion matrix ready to print. */
export interface MatrixModel {
  /** The column labels line, aligned with the cells. */
  readonly header: string;
  /** Header of the score columns, aligned with `MatrixRow.scores`. */
  readonly scoresHeader: string;
  readonly rows: readonly MatrixRow[];
}

/**
 * Turn an evaluation into heatmap rows. Colours always follow the row-normalized value (as the
 * notebook's heatmap), whichever of counts or fractions the cells display, so classes with more
 * samples do not look worse.
 */
export function confusionMatrixModel(
  summary: EvaluationSummary,
  classNames: readonly string[],
  normalized: boolean,
  layout: MatrixLayout,
): MatrixModel {
  const k = summary.numClasses;
  const w = layout.cellWidth;
  const textWidth = w - 1;
  const name = (c: number): string => classNames[c] ?? String(c);
  const header =
    ' '.repeat(layout.rowLabelWidth + 1) +
    Array.from(
      { length: k },
      (_, c) => `${classLabel(name(c), textWidth).padStart(textWidth)} `,
    ).join('');
  const rows: MatrixRow[] = [];
  for (let i = 0; i < k; i++) {
    let rowTotal = 0;
    for (let j = 0; j < k; j++) rowTotal += summary.counts[i * k + j] as number;
    const cells: MatrixCell[] = [];
    for (let j = 0; j < k; j++) {
      const count = summary.counts[i * k + j] as number;
      const fraction = rowTotal === 0 ? 0 : count / rowTotal;
      const colours = heatmapCellColours(fraction, i === j);
      cells.push({
        text: `${formatCell(count, fraction, normalized, textWidth).padStart(textWidth)} `,
        background: colours.background,
        foreground: colours.text,
        diagonal: i === j,
      });
    }
    rows.push({
      label: classLabel(name(i), layout.rowLabelWidth).padStart(layout.rowLabelWidth),
      cells,
      scores: layout.showScores ? scoresText(summary, i, layout.showSupport) : '',
    });
  }
  return {
    header,
    scoresHeader: layout.showScores
      ? ['prec', ' rec', '  f1'].map((h) => ` ${h}`).join('') +
        (layout.showSupport ? '     n'.padStart(6) : '')
      : '',
    rows,
  };
}

/** A count, or a fraction with as many decimals as fit (0.96 in 4 cells, .96 in 3). */
export function formatCell(
  count: number,
  fraction: number,
  normalized: boolean,
  width: number,
): string {
  if (!normalized) {
    const text = String(count);
    return text.length <= width ? text : compactCount(count);
  }
  if (width >= 4) return fraction.toFixed(Math.min(width - 2, 3));
  return fraction >= 0.995 ? '1' : fraction.toFixed(2).slice(1);
}

function compactCount(count: number): string {
  return count >= 1000 ? `${Math.round(count / 1000)}k` : String(count);
}

function scoresText(summary: EvaluationSummary, c: number, showSupport: boolean): string {
  const s = summary.perClass[c];
  if (!s) return '';
  const scores = [s.precision, s.recall, s.f1].map((v) => ` ${v.toFixed(2)}`).join('');
  return showSupport ? scores + String(s.support).padStart(6) : scores;
}
