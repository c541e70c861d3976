import { describe, expect, it } from 'vitest';
import { imagesOfRows } from './image-set.js';

describe('imagesOfRows', () => {
  it('cuts a row-major matrix into one captioned image per row', () => {
    const set = imagesOfRows(
      { name: 'w', title: 'Weights', scale: 'diverging' },
      Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
      [2, 2],
      ['a', 'b'],
    );
    expect(set).toMatchObject({ name: 'w', title: 'Weights', scale: 'diverging', shape: [2, 2] });
    expect(set.images.map((i) => [i.label, Array.from(i.values)])).toEqual([
      ['a', [1, 2, 3, 4]],
      ['b', [5, 6, 7, 8]],
    ]);
  });

  it('refuses a matrix whose size does not match, saying what it expected', () => {
    expect(() =>
      imagesOfRows({ name: 'w', title: 'W', scale: 'sequential' }, [1, 2, 3], [1, 2], ['a', 'b']),
    ).toThrow('expected 2 rows of 1 × 2 values (4), found 3 values');
  });
});
