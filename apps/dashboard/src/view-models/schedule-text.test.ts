import { describe, expect, it } from 'vitest';
import { firstEvaluationText, scheduleText } from './schedule-text.js';

describe('scheduleText', () => {
  it('says what each schedule does, in the unit of the plugin', () => {
    expect(scheduleText('auto', 'epoch')).toBe('as often as training allows');
    expect(scheduleText(0, 'iteration')).toBe('once, at the end');
    expect(scheduleText(1, 'epoch')).toBe('after every epoch');
    expect(scheduleText(10, 'iteration')).toBe('every 10 iterations');
  });
});

describe('firstEvaluationText', () => {
  it('says when the first matrix comes', () => {
    // auto evaluates the first step, whatever it costs.
    expect(firstEvaluationText('auto', 'epoch')).toBe('after the first epoch');
    expect(firstEvaluationText(1, 'step')).toBe('after the first step');
    expect(firstEvaluationText(10, 'epoch')).toBe('after 10 epochs');
    expect(firstEvaluationText(0, 'iteration')).toBe('when training ends');
  });
});
