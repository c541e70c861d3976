/**
 * A confusion matrix as a plain-text table (no escape codes): rows true classes, columns
 * predictions, each labelled with its class name, plus each row's total.
 */
export function confusionTable(
  counts: ArrayLike<number>,
  classNames: readonly string[],
  maxLabelWidth = 12,
): string {
  const k = classNames.length;
  const labels = classNames.map((n) => [...n].slice(0, maxLabelWidth).join(''));
  const rowLabelWidth = Math.max(4, ...labels.map((l) => l.length));
  let widest = 1;
  for (let i = 0; i < k * k; i++) widest = Math.max(widest, String(counts[i] ?? 0).length);
  const cell = Math.max(widest, ...labels.map((l) => Math.min(l.length, 6)));
  const head = labels.map((l) => [...l].slice(0, cell).join('').padStart(cell)).join(' ');
  const lines = [`${'true\\pred'.padEnd(rowLabelWidth)}  ${head}  ${'total'.padStart(6)}`];
  for (let i = 0; i < k; i++) {
    let total = 0;
    const cells: string[] = [];
    for (let j = 0; j < k; j++) {
      const v = counts[i * k + j] ?? 0;
      total += v;
      cells.push(String(v).padStart(cell));
    }
    lines.push(
      `${(labels[i] ?? String(i)).padEnd(rowLabelWidth)}  ${cells.join(' ')}  ${String(total).padStart(6)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
