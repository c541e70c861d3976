import { describe, expect, it } from 'vitest';
import { digitPreviewLines, PREVIEW_BAR_WIDTH } from './digit-preview.js';

const top = [
  { class: '7', label: 7, probability: 0.75 },
  { class: '1', label: 1, probability: 0.2 },
  { class: '9', label: 9, probability: 0.05 },
];

describe('digitPreviewLines', () => {
  it('draws two pixel rows a line, the top classes beside the middle lines', () => {
    // 6×4: ink in row 2 only.
    const pixels = new Uint8Array(24);
    pixels.fill(255, 8, 12);
    const lines = digitPreviewLines(pixels, [6, 4], top, 'none');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`    ${'   '}7  0.750 ${'█'.repeat(15)}${'░'.repeat(5)}`);
    // Row 2 is the top half of line 1, row 3 empty: half ink, the ramp's middle.
    expect(lines[1]?.slice(0, 4)).toBe('++++');
    expect(lines[1]).toMatch(/1 {2}0\.200 █{4}░{16}$/);
    expect(lines[2]).toMatch(/^ {4} {3}9 {2}0\.050 █░{19}$/);
  });

  it('paints grey half blocks with colour, and keeps every class when the picture is short', () => {
    const lines = digitPreviewLines(new Uint8Array([0, 255]), [1, 2], top, 'truecolor');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('▀');
    expect(lines[0]).toContain('38;2;255;255;255');
    expect(lines[0]).toContain('38;2;0;0;0');
    expect(lines[2]).toMatch(new RegExp(`9 {2}0\\.050 .{${PREVIEW_BAR_WIDTH}}$`));
  });
});
