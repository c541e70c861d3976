import { describe, expect, it } from 'vitest';
import { chooseTiling, tileGridLines } from './tile-grid.js';

describe('chooseTiling', () => {
  for (const { name, room, tiling } of [
    {
      // Full size fits no row (15 lines of 13); half size 5 a row, 1 row: 5 < 10; a third: 7 × 2.
      name: 'shrinks 28×28 digits to a third to show all ten in the 80×24 matrix region',
      room: { columns: 80, rows: 13 },
      tiling: { shape: [10, 10], pictureRows: 5, perRow: 7, gridRows: 2, shown: 10 },
    },
    {
      // 72 columns: 4 tiles of 14 a row; 27 lines: 3 rows of 7 + caption.
      name: 'shows half-size digits in the 120×40 right-hand panel',
      room: { columns: 72, rows: 27 },
      tiling: { shape: [14, 14], pictureRows: 7, perRow: 4, gridRows: 3, shown: 10 },
    },
  ]) {
    it(name, () => {
      expect(chooseTiling(room, [28, 28], 10)).toEqual(tiling);
    });
  }

  it('keeps full size when there is room for all', () => {
    expect(chooseTiling({ columns: 200, rows: 60 }, [28, 28], 10)).toMatchObject({
      shape: [28, 28],
      perRow: 6,
      gridRows: 2,
    });
  });

  it('fills the room once `wanted` tiles fit, and shows as many as fit when none shows them all', () => {
    expect(chooseTiling({ columns: 72, rows: 27 }, [28, 28], 24, 10)).toMatchObject({
      shape: [14, 14],
      shown: 12,
    });
    expect(chooseTiling({ columns: 80, rows: 13 }, [28, 28], 16)).toMatchObject({
      shape: [10, 10],
      shown: 14,
    });
    expect(chooseTiling({ columns: 9, rows: 20 }, [28, 28], 10)).toBeUndefined();
  });
});

describe('tileGridLines', () => {
  it('sets tiles side by side with a column between them and captions under them', () => {
    const tiles = [
      { lines: ['ab', 'cd'], caption: 'x' },
      { lines: ['ef', 'gh'], caption: 'yz' },
      { lines: ['ij', 'kl'], caption: 'w' },
    ];
    expect(tileGridLines(tiles, 2, 2)).toEqual(['ab ef', 'cd gh', 'x  yz', 'ij', 'kl', 'w']);
  });
});
