import { describe, expect, it } from 'vitest';
import { colourDepth } from './colour-depth.js';

const tty = (bits = 4) => ({ isTTY: true, bits });

describe('colourDepth', () => {
  it('reads COLORTERM and TERM', () => {
    expect(colourDepth({ COLORTERM: 'truecolor' }, tty())).toBe('truecolor');
    expect(colourDepth({ COLORTERM: '24bit', TERM: 'xterm' }, tty())).toBe('truecolor');
    expect(colourDepth({ TERM: 'xterm-256color' }, tty())).toBe('ansi256');
    expect(colourDepth({ TERM: 'screen-256' }, tty())).toBe('ansi256');
    expect(colourDepth({ TERM: 'xterm' }, tty(4))).toBe('none');
  });

  it('asks Node about terminals the variables do not describe', () => {
    expect(colourDepth({ TERM_PROGRAM: 'iTerm.app' }, tty(24))).toBe('truecolor');
    expect(colourDepth({}, tty(8))).toBe('ansi256');
    expect(colourDepth({}, tty(1))).toBe('none');
  });

  it('turns colour off for NO_COLOR, a pipe and a dumb terminal', () => {
    expect(colourDepth({ NO_COLOR: '1', COLORTERM: 'truecolor' }, tty(24))).toBe('none');
    expect(colourDepth({ COLORTERM: 'truecolor' }, { isTTY: false, bits: 24 })).toBe('none');
    expect(colourDepth({ TERM: 'dumb', COLORTERM: 'truecolor' }, tty(24))).toBe('none');
    // An empty NO_COLOR does not count (no-color.org).
    expect(colourDepth({ NO_COLOR: '', TERM: 'xterm-256color' }, tty())).toBe('ansi256');
  });

  it('lets FORCE_COLOR win over NO_COLOR and a pipe, as a minimum level', () => {
    expect(colourDepth({ FORCE_COLOR: '3', NO_COLOR: '1' }, { isTTY: false, bits: 1 })).toBe(
      'truecolor',
    );
    expect(colourDepth({ FORCE_COLOR: '2' }, { isTTY: false, bits: 1 })).toBe('ansi256');
    expect(colourDepth({ FORCE_COLOR: '1', COLORTERM: 'truecolor' }, tty())).toBe('truecolor');
    expect(colourDepth({ FORCE_COLOR: '1' }, tty(4))).toBe('none');
    expect(colourDepth({ FORCE_COLOR: '0', COLORTERM: 'truecolor' }, tty(24))).toBe('none');
    expect(colourDepth({ FORCE_COLOR: 'false', TERM: 'xterm-256color' }, tty(8))).toBe('none');
  });
});
