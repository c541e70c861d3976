import { describe, expect, it } from 'vitest';
import { firstEvaluationText, scheduleText } from './schedule-text.js';

describe('scheduleText', () => {
  it.each([
    ['auto', 'epoch', 'as often as training allows'],
    [0, 'iteration', 'once, at the end'],
    [1, 'epoch', 'after every epoch'],
    [10, 'iteration', 'every 10 iterations'],
  ] as const)('says what %s does, in the unit of the plugin (%s): %s', (schedule, unit, text) => {
    expect(scheduleText(schedule, unit)).toBe(text);
  });
});

describe('firstEvaluationText', () => {
  it.each([
    // auto evaluates the first step, whatever it costs.
    ['auto', 'epoch', 'after the first epoch'],
    [1, 'step', 'after the first step'],
    [10, 'epoch', 'after 10 epochs'],
    [0, 'iteration', 'when training ends'],
  ] as const)('says when the first matrix comes with %s (%s): %s', (schedule, unit, text) => {
    expect(firstEvaluationText(schedule, unit)).toBe(text);
  });
});
