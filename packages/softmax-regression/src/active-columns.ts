/**
 * Columns of a row-major n×d matrix that hold a nonzero value somewhere. A column that is zero in
 * every row contributes exactly nothing to XW or to Xᵀ(P − Y), so the matrix products can skip it:
 * MNIST's training set has 67 always-blank pixels of 784 (107 in the notebook's 10,000-image
 * subsample), which makes both products that much cheaper with identical results.
 * Returns undefined when every column is active.
 */
export function activeColumns(
  features: Float32Array,
  numRows: number,
  numColumns: number,
): Int32Array | undefined {
  const seen = new Uint8Array(numColumns);
  let remaining = numColumns;
  for (let i = 0; i < numRows && remaining > 0; i++) {
    const row = i * numColumns;
    for (let j = 0; j < numColumns; j++) {
      if (seen[j] === 0 && features[row + j] !== 0) {
        seen[j] = 1;
        remaining--;
      }
    }
  }
  if (remaining === 0) return undefined;
  const active = new Int32Array(numColumns - remaining);
  for (let j = 0, a = 0; j < numColumns; j++) if (seen[j] === 1) active[a++] = j;
  return active;
}

/** Copy the given rows' active columns into a new row-major rows × active.length matrix. */
export function compactRows(
  features: Float32Array,
  numColumns: number,
  active: Int32Array,
  rows: ArrayLike<number> | number,
): Float32Array {
  const count = typeof rows === 'number' ? rows : rows.length;
  const width = active.length;
  const out = new Float32Array(count * width);
  for (let r = 0; r < count; r++) {
    const source = (typeof rows === 'number' ? r : (rows[r] as number)) * numColumns;
    const target = r * width;
    for (let a = 0; a < width; a++)
      out[target + a] = features[source + (active[a] as number)] as number;
  }
  return out;
}

/** The given rows of a row-major matrix with `numColumns` columns, as float32 (a kernel's active rows). */
export function selectRows(
  matrix: Float64Array | Float32Array,
  numColumns: number,
  rows: Int32Array,
): Float32Array {
  const out = new Float32Array(rows.length * numColumns);
  for (let r = 0; r < rows.length; r++) {
    const source = (rows[r] as number) * numColumns;
    for (let c = 0; c < numColumns; c++) out[r * numColumns + c] = matrix[source + c] as number;
  }
  return out;
}
