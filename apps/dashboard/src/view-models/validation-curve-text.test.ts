import { describe, expect, it } from 'vitest';
import { validationCurveText } from './validation-curve-text.js';

describe('validationCurveText', () => {
  it('puts the highest mean on the top row, the lowest on the bottom, the best as a diamond', () => {
    const { lines, best } = validationCurveText(
      [
        { label: '0.01', mean: 0.85 },
        { label: '0.1', mean: 0.9 },
        { label: '1', mean: 0.875 },
        { label: '10' },
      ],
      { height: 3, columnWidth: 6, best: 1 },
    );
    expect(lines).toEqual([
      ' 0.9000│         ◆              ',
      '       │               ●        ',
      ' 0.8500│   ●                    ',
      '       └────────────────────────',
      '         0.01   0.1    1    10  ',
    ]);
    expect(best).toEqual({ row: 0, column: 17 });
    expect(lines[best?.row ?? 0]?.[best?.column ?? 0]).toBe('◆');
  });

  it('draws a flat curve mid-height and an empty chart before any score', () => {
    const flat = validationCurveText(
      [
        { label: 'a', mean: 0.5 },
        { label: 'b', mean: 0.5 },
      ],
      { height: 3, columnWidth: 3 },
    );
    expect(flat.lines.slice(0, 3)).toEqual([' 0.5000│      ', '       │ ●  ● ', '       │      ']);
    const empty = validationCurveText([{ label: 'a' }], { height: 2, columnWidth: 3 });
    expect(empty.lines).toEqual(['       │   ', '       │   ', '       └───', '         a ']);
    expect(empty.best).toBeUndefined();
  });
});
