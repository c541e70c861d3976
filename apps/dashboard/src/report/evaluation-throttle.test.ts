import { describe, expect, it } from 'vitest';
import { createEvaluationThrottle } from './evaluation-throttle.js';

const at = (step: number, elapsedMs: number) => ({ step, done: 1, total: 10, elapsedMs });

describe('createEvaluationThrottle', () => {
  it('lets a line through once the evaluation has run a second, then once a second', () => {
    const due = createEvaluationThrottle(1000);
    const times = [60, 260, 460, 860, 1060, 1260, 1860, 2060, 2260, 3900];
    expect(times.filter((t) => due(at(5, t)))).toEqual([1060, 2060, 3900]);
  });

  it('starts again with each evaluation, so a short one prints nothing', () => {
    const due = createEvaluationThrottle(1000);
    expect(due(at(1, 1200))).toBe(true);
    expect(due(at(2, 300))).toBe(false);
    expect(due(at(2, 1100))).toBe(true);
    // The same step evaluated again (its clock restarted).
    expect(due(at(2, 200))).toBe(false);
    expect(due(at(2, 1000))).toBe(true);
  });
});
