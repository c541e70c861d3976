import { describe, expect, it } from 'vitest';
import { halfBlockLines, rampCharacter } from './half-block.js';

const ESC = '\u001b[';

describe('halfBlockLines', () => {
  it('puts the top pixel in front and the bottom one behind, in 24-bit colour', () => {
    // Column 0: white over black; column 1: black over white.
    expect(halfBlockLines([0, 1, 1, 0], [2, 2], 'sequential', 'truecolor')).toEqual([
      `${ESC}38;2;255;255;255;48;2;0;0;0m▀${ESC}38;2;0;0;0;48;2;255;255;255m▀${ESC}39;49m`,
    ]);
  });

  it('uses the nearest xterm-256 colours with 256 colours', () => {
    expect(halfBlockLines([0, 1, 1, 0], [2, 2], 'sequential', 'ansi256')).toEqual([
      `${ESC}38;5;231;48;5;16m▀${ESC}38;5;16;48;5;231m▀${ESC}39;49m`,
    ]);
  });

  it('writes one escape for a run of one colour, and a top half only on an odd last row', () => {
    const lines = halfBlockLines([1, 1, 1, 0, 0, 0, 1, 1, 1], [3, 3], 'diverging', 'truecolor');
    expect(lines).toEqual([
      `${ESC}38;2;19;75;133;48;2;140;13;37m▀▀▀${ESC}39;49m`,
      `${ESC}38;2;19;75;133;49m▀▀▀${ESC}39;49m`,
    ]);
  });

  it('draws a grey ramp of characters for the mean of each pixel pair without colour', () => {
    // Means per column: 0, 1, 0.5 (→ index 4.5, rounded to 5 '+'), and a lone 0.25 (→ 2.25: ':').
    expect(halfBlockLines([0, 1, 0, 0, 1, 1], [2, 3], 'sequential', 'none')).toEqual([' @+']);
    expect(halfBlockLines([0.25], [1, 1], 'sequential', 'none')).toEqual([':']);
    expect(rampCharacter(-1, 'sequential')).toBe(' ');
    expect(rampCharacter(1, 'sequential')).toBe('@');
  });

  it('leaves 0 blank on a diverging set without colour, minus signs below and ink above', () => {
    // Positions 0, 0.25, 0.4, 0.5 (the value 0), 0.6, 0.8, 1 → slots 0, 2.5 → 3, 4, 5, 6, 8, 10
    // of '==--. :+*#@'.
    expect(halfBlockLines([0, 0.25, 0.4, 0.5, 0.6, 0.8, 1], [1, 7], 'diverging', 'none')).toEqual([
      '=-. :*@',
    ]);
  });
});
