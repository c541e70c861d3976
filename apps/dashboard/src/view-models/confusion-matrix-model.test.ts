import { summarizeEvaluation } from '@digitlab/session';
import { describe, expect, it } from 'vitest';
import { confusionMatrixModel, formatCell } from './confusion-matrix-model.js';
import { heatmapCellColours } from './heatmap-colour.js';

// 3 classes: class 0 all right (4), class 1 two right one as 2, class 2 one right one as 0.
const summary = summarizeEvaluation({
  step: 7,
  labels: Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2]),
  predictions: Int32Array.from([0, 0, 0, 0, 1, 1, 2, 2, 0]),
  numClasses: 3,
  accuracy: 7 / 9,
  elapsedMs: 0,
});
const layout = { rowLabelWidth: 5, cellWidth: 5, showScores: true, showSupport: true };

describe('confusionMatrixModel', () => {
  it('writes counts in the cells with the class names on both axes', () => {
    const model = confusionMatrixModel(summary, ['zero', 'one', 'two'], false, layout);
    expect(model.header).toBe(`${' '.repeat(6)}zero  one  two `);
    expect(model.rows.map((r) => r.label)).toEqual([' zero', '  one', '  two']);
    expect(model.rows.map((r) => r.cells.map((c) => c.text.trim()))).toEqual([
      ['4', '0', '0'],
      ['0', '2', '1'],
      ['1', '0', '1'],
    ]);
  });

  it('writes row-normalized values when asked, and colours by them either way', () => {
    const counts = confusionMatrixModel(summary, ['0', '1', '2'], false, layout);
    const norm = confusionMatrixModel(summary, ['0', '1', '2'], true, layout);
    expect(norm.rows[1]!.cells.map((c) => c.text.trim())).toEqual(['0.00', '0.67', '0.33']);
    expect(norm.rows[2]!.cells[0]!.background).toBe(counts.rows[2]!.cells[0]!.background);
    expect(counts.rows[2]!.cells[0]!.background).toBe(heatmapCellColours(0.5, false).background);
  });

  it('marks the diagonal and puts precision, recall, F1 and support beside each row', () => {
    const model = confusionMatrixModel(summary, ['0', '1', '2'], false, layout);
    expect(model.rows.map((r) => r.cells.map((c) => c.diagonal))).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ]);
    // Class 1: precision 2/2, recall 2/3, F1 0.8, support 3.
    expect(model.rows[1]!.scores).toBe(' 1.00 0.67 0.80     3');
    expect(model.scoresHeader).toContain('prec');
  });

  it('leaves the scores out when the layout has no room for them', () => {
    const model = confusionMatrixModel(summary, ['0', '1', '2'], false, {
      ...layout,
      showScores: false,
    });
    expect(model.rows.every((r) => r.scores === '')).toBe(true);
    expect(model.scoresHeader).toBe('');
  });

  it('formats cells to fit their width', () => {
    expect(formatCell(1135, 0.97, false, 4)).toBe('1135');
    expect(formatCell(12345, 0.97, false, 4)).toBe('12k');
    expect(formatCell(5, 0.964, true, 4)).toBe('0.96');
    expect(formatCell(5, 0.964, true, 3)).toBe('.96');
  });
});
