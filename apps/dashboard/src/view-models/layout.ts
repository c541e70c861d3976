import { longestClassName } from './class-label.js';

/** How the dashboard arranges itself: one line per item, a compact screen, or side-by-side panels. */
export type LayoutMode = 'tiny' | 'compact' | 'wide';

/** Sizes of the confusion-matrix block. */
export interface MatrixLayout {
  readonly rowLabelWidth: number;
  /** Width of each cell including its one-cell gap. */
  readonly cellWidth: number;
  /** Precision / recall / F1 beside each matrix row. */
  readonly showScores: boolean;
  readonly showSupport: boolean;
}

/** Every size the views need, decided once from the terminal size and the class names. */
export interface Layout {
  readonly mode: LayoutMode;
  readonly columns: number;
  readonly rows: number;
  readonly matrix: MatrixLayout;
  readonly progressBarWidth: number;
  readonly sparklineWidth: number;
  /** Most-confused pairs shown. */
  readonly confusedPairs: number;
  /** Width of the left column in the wide layout (the rest holds the matrix). */
  readonly sidebarWidth: number;
}

/** The smallest terminal that gets the compact dashboard with the full confusion matrix. */
export const COMPACT_MINIMUM = { columns: 72, rows: 22 } as const;
/** The smallest terminal that gets side-by-side panels. */
export const WIDE_MINIMUM = { columns: 120, rows: 34 } as const;

const SCORE_COLUMNS_WIDTH = 3 * 5; // " 0.97" × precision, recall, F1
const SUPPORT_WIDTH = 6;

/** Choose the layout for a terminal of columns × rows showing `numClasses` classes. */
export function chooseLayout(columns: number, rows: number, classNames: readonly string[]): Layout {
  const k = Math.max(1, classNames.length);
  const longest = Math.max(1, longestClassName(classNames));
  if (columns >= WIDE_MINIMUM.columns && rows >= WIDE_MINIMUM.rows && k <= 12) {
    const sidebarWidth = Math.max(44, Math.min(56, columns - 80));
    const rowLabelWidth = Math.min(longest, 11);
    // Inside the matrix panel: two border cells and two padding cells.
    const room = columns - sidebarWidth - 4 - rowLabelWidth - 1;
    const cellWidth = Math.max(5, Math.min(7, Math.floor(room / k)));
    return {
      mode: 'wide',
      columns,
      rows,
      matrix: { rowLabelWidth, cellWidth, showScores: false, showSupport: false },
      progressBarWidth: Math.max(10, columns - 72),
      sparklineWidth: Math.max(10, sidebarWidth - 26),
      // The pairs panel takes the rows left under the matrix (header 7, status 2, matrix panel 14).
      confusedPairs: Math.max(3, Math.min(10, rows - 1 - 7 - 2 - 14 - 3)),
      sidebarWidth,
    };
  }
  if (columns >= COMPACT_MINIMUM.columns && rows >= COMPACT_MINIMUM.rows && k <= 12) {
    const cellWidth = 5;
    const matrixWidth = k * cellWidth;
    let showSupport = true;
    let showScores = true;
    const labelRoom = (): number =>
      columns -
      1 -
      matrixWidth -
      (showScores ? 1 + SCORE_COLUMNS_WIDTH + (showSupport ? SUPPORT_WIDTH : 0) : 0);
    if (labelRoom() < Math.min(longest, 3)) showSupport = false;
    if (labelRoom() < Math.min(longest, 3)) showScores = false;
    const rowLabelWidth = Math.max(1, Math.min(longest, 8, labelRoom()));
    // Two metrics per line, each a label (10), a value (8) and spaces around them.
    const sparklineWidth = Math.max(6, Math.floor((columns - 2 * 22) / 2));
    return {
      mode: 'compact',
      columns,
      rows,
      matrix: { rowLabelWidth, cellWidth, showScores, showSupport },
      progressBarWidth: Math.max(8, columns - 58),
      sparklineWidth,
      confusedPairs: 3,
      sidebarWidth: 0,
    };
  }
  return {
    mode: 'tiny',
    columns,
    rows,
    matrix: { rowLabelWidth: 1, cellWidth: 5, showScores: false, showSupport: false },
    progressBarWidth: Math.max(4, Math.min(30, columns - 30)),
    sparklineWidth: 0,
    confusedPairs: 1,
    sidebarWidth: 0,
  };
}
