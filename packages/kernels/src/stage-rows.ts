/**
 * Copies `rows` (row indices below `numRows`) into `into`, a kernel's row list in its memory,
 * after checking each; `where` names the caller in the error (`MlpKernel.stageBatch`).
 */
export function stageRows(
  rows: Uint32Array,
  numRows: number,
  into: Int32Array,
  where: string,
): void {
  if (rows.length > numRows) {
    throw new RangeError(`${where}: expected at most ${numRows} rows, found ${rows.length}`);
  }
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    if (i >= numRows) {
      throw new RangeError(
        `${where}: expected row indices below ${numRows}, found ${i} at position ${r}`,
      );
    }
    into[r] = i;
  }
}
