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

/**
 * Where the `w` / `m` digit panel goes: in the confusion matrix's place (the matrix region of the
 * compact layout, the right-hand column of the wide one), beside the matrix when the terminal is
 * wide enough for both, or nowhere in the tiny layout.
 */
export type DigitPanelPlacement = 'replace' | 'beside' | 'none';

/** The digit panel's box and the room inside it for its title line and tiles. */
export interface DigitPanelLayout {
  readonly placement: DigitPanelPlacement;
  /** A round border with padding, as the wide layout's panels have. */
  readonly framed: boolean;
  /** The box, border included. */
  readonly width: number;
  readonly height: number;
  /** Inside the border and padding: the title line and the tiles. */
  readonly room: { readonly columns: number; readonly rows: number };
}

/** Every size the views need, decided once from the terminal size and the class names. */
export interface Layout {
  readonly mode: LayoutMode;
  readonly columns: number;
  readonly rows: number;
  readonly matrix: MatrixLayout;
  readonly progressBarWidth: number;
  readonly sparklineWidth: number;
  /** Lines of the metrics panel: only the metrics the plugin has reported take one. */
  readonly metricLines: number;
  /** Room for the held-out line under the matrix (evaluation progress, or the last one). */
  readonly evaluationLine: boolean;
  /** Most-confused pairs shown (at most: the compact layout shows as many as fit its lines). */
  readonly confusedPairs: number;
  /** Lines of the compact layout's most-confused pairs: the rows the metrics leave free. */
  readonly confusedPairLines: number;
  /** Width of the left column in the wide layout (the rest holds the matrix). */
  readonly sidebarWidth: number;
  readonly digitPanel: DigitPanelLayout;
}

/** The smallest terminal that gets the compact dashboard with the full confusion matrix. */
export const COMPACT_MINIMUM = { columns: 72, rows: 22 } as const;
/** The smallest terminal that gets side-by-side panels. */
export const WIDE_MINIMUM = { columns: 120, rows: 34 } as const;

const SCORE_COLUMNS_WIDTH = 3 * 5; // " 0.97" × precision, recall, F1
const SUPPORT_WIDTH = 6;
/** Rows of the wide layout outside its two columns: the header panel (7) and the status line (2). */
const WIDE_CHROME_ROWS = 7 + 2;
/** Border and padding of a wide panel: columns and rows it takes around its inside. */
const FRAME = { columns: 4, rows: 2 } as const;
/** A digit panel goes beside the matrix only with room for three half-size 28×28 digits inside. */
const BESIDE_MINIMUM_INSIDE = 3 * 15 - 1;
/** Most-confused pairs a summary keeps (the session's CONFUSED_PAIRS_KEPT). */
const MOST_PAIRS = 10;

/** What is on show besides the terminal: the digit panel, and how many metrics are known. */
export interface LayoutContent {
  /** A `w` / `m` digit panel is shown. */
  readonly digitPanel?: boolean;
  /** Metrics the plugin has reported so far, of the four the panel charts (default 4). */
  readonly metrics?: number;
}

/**
 * Choose the layout for a terminal of columns × rows showing `numClasses` classes; with
 * `digitPanel` shown, the matrix keeps to its narrowest cells when the panel sits beside it. Rows
 * that unreported metrics leave free go to the most-confused pairs.
 */
export function chooseLayout(
  columns: number,
  rows: number,
  classNames: readonly string[],
  { digitPanel = false, metrics = 4 }: LayoutContent = {},
): Layout {
  const known = Math.max(0, Math.min(4, Math.floor(metrics)));
  const k = Math.max(1, classNames.length);
  const longest = Math.max(1, longestClassName(classNames));
  if (columns >= WIDE_MINIMUM.columns && rows >= WIDE_MINIMUM.rows && k <= 12) {
    const sidebarWidth = Math.max(44, Math.min(56, columns - 80));
    const rowLabelWidth = Math.min(longest, 11);
    const right = columns - sidebarWidth;
    const height = rows - 1 - WIDE_CHROME_ROWS;
    // The matrix at its narrowest cells, and what it leaves of the right-hand column.
    const besideWidth = right - (FRAME.columns + rowLabelWidth + 1 + 5 * k);
    const beside = besideWidth - FRAME.columns >= BESIDE_MINIMUM_INSIDE;
    const panelWidth = beside ? besideWidth : right;
    // Inside the matrix panel: two border cells and two padding cells.
    const room = (beside && digitPanel ? right - panelWidth : right) - 4 - rowLabelWidth - 1;
    const cellWidth = Math.max(5, Math.min(7, Math.floor(room / k)));
    return {
      mode: 'wide',
      columns,
      rows,
      matrix: { rowLabelWidth, cellWidth, showScores: false, showSupport: false },
      progressBarWidth: Math.max(10, columns - 72),
      sparklineWidth: Math.max(10, sidebarWidth - 26),
      metricLines: known,
      evaluationLine: true,
      // The pairs panel takes the rows left under the matrix (header 7, status 2, matrix panel 14,
      // the held-out line 1) inside its border and under its title (3).
      confusedPairs: Math.max(3, Math.min(MOST_PAIRS, rows - 1 - 7 - 2 - 14 - 1 - 3)),
      confusedPairLines: 0,
      sidebarWidth,
      digitPanel: {
        placement: beside ? 'beside' : 'replace',
        framed: true,
        width: panelWidth,
        height,
        room: { columns: panelWidth - FRAME.columns, rows: height - FRAME.rows },
      },
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
    const metricLines = Math.ceil(known / 2);
    // The matrix region: what the header (2), progress (1), metrics, status (2) and, from 24 rows
    // on, two blank lines leave of the frame (one row short of the terminal).
    const region = rows - 1 - (2 + 1 + metricLines + 2) - (rows >= 24 ? 2 : 0);
    // In it: the matrix (title, column labels, a row per class), the held-out line if a pairs
    // line still fits under it, and the pairs in the rest.
    const spare = region - (k + 2);
    const evaluationLine = spare >= 2;
    const confusedPairLines = Math.max(1, spare - (evaluationLine ? 1 : 0));
    return {
      mode: 'compact',
      columns,
      rows,
      matrix: { rowLabelWidth, cellWidth, showScores, showSupport },
      progressBarWidth: Math.max(8, columns - 58),
      sparklineWidth,
      metricLines,
      evaluationLine,
      confusedPairs: MOST_PAIRS,
      confusedPairLines,
      sidebarWidth: 0,
      digitPanel: {
        placement: 'replace',
        framed: false,
        width: columns,
        height: region,
        room: { columns, rows: region },
      },
    };
  }
  return {
    mode: 'tiny',
    columns,
    rows,
    matrix: { rowLabelWidth: 1, cellWidth: 5, showScores: false, showSupport: false },
    progressBarWidth: Math.max(4, Math.min(30, columns - 30)),
    sparklineWidth: 0,
    metricLines: known > 0 ? 1 : 0,
    evaluationLine: false,
    confusedPairs: 1,
    confusedPairLines: 1,
    sidebarWidth: 0,
    digitPanel: {
      placement: 'none',
      framed: false,
      width: 0,
      height: 0,
      room: { columns: 0, rows: 0 },
    },
  };
}
