import { describe, expect, it } from 'vitest';
import { activeColumns, compactRows, selectRows } from './active-columns.js';

describe('active columns', () => {
  // 3 rows × 4 columns; column 1 and 3 are zero everywhere.
  const m = Float32Array.of(1, 0, 2, 0, 0, 0, 3, 0, 4, 0, 0, 0);

  it('finds the columns that are nonzero somewhere, or none when all are', () => {
    expect(Array.from(activeColumns(m, 3, 4) ?? [])).toEqual([0, 2]);
    expect(activeColumns(Float32Array.of(1, 2, 3, 4), 2, 2)).toBeUndefined();
  });

  it('copies active columns of all rows, or of chosen rows in order', () => {
    const active = Int32Array.of(0, 2);
    expect(Array.from(compactRows(m, 4, active, 3))).toEqual([1, 2, 0, 3, 4, 0]);
    expect(Array.from(compactRows(m, 4, active, Uint32Array.of(2, 0)))).toEqual([4, 0, 1, 2]);
  });

  it('selects rows of a float64 matrix as float32', () => {
    const w = Float64Array.of(1, 2, 3, 4, 5, 6); // 3 rows × 2 columns
    expect(Array.from(selectRows(w, 2, Int32Array.of(2, 0)))).toEqual([5, 6, 1, 2]);
  });
});
