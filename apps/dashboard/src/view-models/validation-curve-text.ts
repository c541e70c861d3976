/** One column of the terminal validation curve: a setting's label and its mean score, once known. */
export interface CurveColumn {
  readonly label: string;
  readonly mean?: number;
}

/** The chart as lines of text, and where the best point sits (for colouring it). */
export interface CurveText {
  readonly lines: readonly string[];
  /** Row and column (in characters) of the best point's marker, when it is drawn. */
  readonly best?: { readonly row: number; readonly column: number };
}

const AXIS_WIDTH = 7;

/**
 * A validation curve drawn in text: mean score (rows, highest at the top) against the settings in
 * grid order, one column each, `●` per scored setting and `◆` for the best, with the score axis
 * labelled at its top and bottom and the settings' labels underneath. Settings are evenly spaced,
 * as a logspace of C is on a log axis. Nothing scored yet: just the axis and labels.
 */
export function validationCurveText(
  columns: readonly CurveColumn[],
  options: { readonly height: number; readonly columnWidth: number; readonly best?: number },
): CurveText {
  const { height, columnWidth: w } = options;
  const scored = columns.map((c) => c.mean).filter((m): m is number => m !== undefined);
  const low = scored.length > 0 ? Math.min(...scored) : 0;
  const high = scored.length > 0 ? Math.max(...scored) : 1;
  const span = high - low;
  const rowOf = (mean: number) =>
    span === 0 ? Math.floor((height - 1) / 2) : Math.round(((high - mean) / span) * (height - 1));
  const grid = Array.from({ length: height }, () =>
    Array.from({ length: columns.length * w }, () => ' '),
  );
  let best: CurveText['best'];
  columns.forEach((c, i) => {
    if (c.mean === undefined) return;
    const row = rowOf(c.mean);
    const column = i * w + Math.floor(w / 2);
    (grid[row] as string[])[column] = i === options.best ? '◆' : '●';
    if (i === options.best) best = { row, column: AXIS_WIDTH + 1 + column };
  });
  const axisLabel = (row: number) => {
    if (scored.length === 0) return '';
    if (row === 0) return high.toFixed(4);
    if (row === height - 1 && span > 0) return low.toFixed(4);
    return '';
  };
  const lines = grid.map(
    (cells, row) => `${axisLabel(row).padStart(AXIS_WIDTH)}│${cells.join('')}`,
  );
  lines.push(`${' '.repeat(AXIS_WIDTH)}└${'─'.repeat(columns.length * w)}`);
  lines.push(`${' '.repeat(AXIS_WIDTH + 1)}${columns.map((c) => centre(c.label, w)).join('')}`);
  return best === undefined ? { lines } : { lines, best };
}

function centre(text: string, width: number): string {
  const cut = text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text;
  // Centred on the marker's column (width / 2), as near as the text allows.
  const left = Math.max(
    0,
    Math.min(width - cut.length, Math.floor(width / 2) - Math.floor(cut.length / 2)),
  );
  return `${' '.repeat(left)}${cut}`.padEnd(width);
}
