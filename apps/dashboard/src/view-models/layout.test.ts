import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from '@digitlab/datasets';
import { describe, expect, it } from 'vitest';
import { chooseLayout } from './layout.js';

const SCORES = 3 * 5;
const SUPPORT = 6;

function compactMatrixWidth(columns: number, rows: number, names: readonly string[]): number {
  const { matrix } = chooseLayout(columns, rows, names);
  return (
    matrix.rowLabelWidth +
    1 +
    names.length * matrix.cellWidth +
    (matrix.showScores ? 1 + SCORES + (matrix.showSupport ? SUPPORT : 0) : 0)
  );
}

describe('chooseLayout', () => {
  it('uses the compact layout at 80×24 and fits the matrix with its scores in 80 columns', () => {
    for (const names of [MNIST_CLASS_NAMES, FASHION_MNIST_CLASS_NAMES]) {
      const layout = chooseLayout(80, 24, names);
      expect(layout.mode).toBe('compact');
      expect(layout.matrix.showScores).toBe(true);
      expect(compactMatrixWidth(80, 24, names)).toBeLessThanOrEqual(80);
    }
  });

  it('goes side by side from 120 columns and 34 rows, with longer sparklines', () => {
    const wide = chooseLayout(120, 40, MNIST_CLASS_NAMES);
    const compact = chooseLayout(120, 30, MNIST_CLASS_NAMES);
    expect(wide.mode).toBe('wide');
    expect(compact.mode).toBe('compact');
    expect(wide.sidebarWidth).toBeGreaterThan(0);
    expect(compact.sparklineWidth).toBeGreaterThan(
      chooseLayout(80, 24, MNIST_CLASS_NAMES).sparklineWidth,
    );
  });

  it('falls back to a one-line-per-item layout in small terminals', () => {
    expect(chooseLayout(60, 24, MNIST_CLASS_NAMES).mode).toBe('tiny');
    expect(chooseLayout(80, 15, MNIST_CLASS_NAMES).mode).toBe('tiny');
  });

  it('drops the score columns before the matrix when columns are short', () => {
    // Support goes first, then precision / recall / F1; the matrix stays in the compact layout.
    const narrow = chooseLayout(72, 24, FASHION_MNIST_CLASS_NAMES);
    expect(narrow.mode).toBe('compact');
    expect(narrow.matrix).toMatchObject({ showScores: true, showSupport: false });
    expect(compactMatrixWidth(72, 24, FASHION_MNIST_CLASS_NAMES)).toBeLessThanOrEqual(72);
    const twelve = Array.from({ length: 12 }, (_, c) => `class ${c}`);
    const crowded = chooseLayout(72, 24, twelve);
    expect(crowded.mode).toBe('compact');
    expect(crowded.matrix.showScores).toBe(false);
    expect(compactMatrixWidth(72, 24, twelve)).toBeLessThanOrEqual(72);
  });
});

describe('chooseLayout: metrics the plugin never reported', () => {
  it('gives their rows to the most-confused pairs in the compact layout', () => {
    // 80×24: header 2, progress 1, metrics, status 2, two blank lines; the matrix takes 12.
    const lines = [4, 3, 2, 1, 0].map((metrics) => {
      const layout = chooseLayout(80, 24, MNIST_CLASS_NAMES, { metrics });
      expect(layout.evaluationLine).toBe(true);
      return [layout.metricLines, layout.confusedPairLines];
    });
    expect(lines).toEqual([
      [2, 1],
      [2, 1],
      [1, 2],
      [1, 2],
      [0, 3],
    ]);
    // The digit panel takes the whole region, the freed rows too.
    expect(chooseLayout(80, 24, MNIST_CLASS_NAMES, { metrics: 0 }).digitPanel.height).toBe(16);
  });

  it('keeps the held-out line only when a pairs line still fits under it', () => {
    const twelve = Array.from({ length: 12 }, (_, c) => `class ${c}`);
    const crowded = chooseLayout(80, 24, twelve);
    expect(crowded.evaluationLine).toBe(false);
    expect(crowded.confusedPairLines).toBe(1);
  });

  it('lists the metrics known in the wide sidebar, and fewer pairs for the held-out line', () => {
    expect(chooseLayout(120, 40, MNIST_CLASS_NAMES, { metrics: 2 }).metricLines).toBe(2);
    expect(chooseLayout(120, 34, MNIST_CLASS_NAMES).confusedPairs).toBe(6);
    expect(chooseLayout(120, 40, MNIST_CLASS_NAMES).confusedPairs).toBe(10);
  });
});

describe('chooseLayout: the digit panel', () => {
  it.each([
    // The matrix region at 80×24.
    {
      columns: 80,
      rows: 24,
      framed: false,
      width: 80,
      height: 14,
      room: { columns: 80, rows: 14 },
    },
    // 120 − a 44-column sidebar; 40 − 1 − header 7 − status 2 rows; inside a border and padding.
    {
      columns: 120,
      rows: 40,
      framed: true,
      width: 76,
      height: 30,
      room: { columns: 72, rows: 28 },
    },
  ])(
    'takes $width×$height of a $columns×$rows terminal in place of the matrix',
    ({ columns, rows, ...panel }) => {
      expect(chooseLayout(columns, rows, MNIST_CLASS_NAMES).digitPanel).toEqual({
        placement: 'replace',
        ...panel,
      });
    },
  );

  it('sits beside the matrix when both fit, the matrix then at its narrowest cells', () => {
    // 160 − a 56-column sidebar leaves 104: the matrix in 4 + 1 + 1 + 50, the panel in 48.
    const layout = chooseLayout(160, 40, MNIST_CLASS_NAMES, { digitPanel: true });
    expect(layout.digitPanel).toMatchObject({ placement: 'beside', width: 48 });
    expect(layout.matrix.cellWidth).toBe(5);
    expect(chooseLayout(160, 40, MNIST_CLASS_NAMES).matrix.cellWidth).toBe(7);
  });

  it('has no place in the tiny layout', () => {
    expect(chooseLayout(60, 18, MNIST_CLASS_NAMES).digitPanel.placement).toBe('none');
  });
});
