import { describe, expect, it } from 'vitest';
import { nearestXtermColour, xtermColour } from './xterm-palette.js';

describe('nearestXtermColour', () => {
  it('finds the cube corners and pure colours exactly', () => {
    expect(nearestXtermColour([0, 0, 0])).toBe(16);
    expect(nearestXtermColour([255, 255, 255])).toBe(231);
    expect(nearestXtermColour([255, 0, 0])).toBe(196); // 16 + 36·5
    expect(nearestXtermColour([0, 0, 255])).toBe(21); // 16 + 5
  });

  it('takes the grey ramp when it is nearer than the cube', () => {
    // Cube: 135 per channel, distance 3·7² = 147; ramp step 12 is 128 itself.
    expect(nearestXtermColour([128, 128, 128])).toBe(244);
    expect(xtermColour(244)).toEqual([128, 128, 128]);
  });

  it('takes each channel’s nearest cube level for a colour far from grey', () => {
    // 100 → 95, 150 → 135, 200 → 215: 16 + 36·1 + 6·2 + 4 = 68, distance 475; the nearest grey
    // (148) is 5012 away.
    expect(nearestXtermColour([100, 150, 200])).toBe(68);
    expect(xtermColour(68)).toEqual([95, 135, 215]);
  });
});
