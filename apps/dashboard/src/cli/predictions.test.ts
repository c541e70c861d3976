import { describe, expect, it } from 'vitest';
import { predictionsOf, topClasses } from './predictions.js';

const meta = { numClasses: 3, classNames: ['cat', 'dog', 'owl'] };

describe('predictionsOf', () => {
  it('gives each row its most probable class and the runner-up', () => {
    const p = [0.2, 0.7, 0.1, 0.5, 0.1, 0.4];
    expect(predictionsOf(p, 2, meta)).toEqual([
      {
        class: 'dog',
        label: 1,
        probability: 0.7,
        runner_up: { class: 'cat', label: 0, probability: 0.2 },
      },
      {
        class: 'cat',
        label: 0,
        probability: 0.5,
        runner_up: { class: 'owl', label: 2, probability: 0.4 },
      },
    ]);
  });

  it('breaks ties towards the lower label, as argmax does', () => {
    expect(predictionsOf([0.4, 0.4, 0.2], 1, meta)[0]).toMatchObject({
      label: 0,
      runner_up: { label: 1 },
    });
  });
});

describe('topClasses', () => {
  it('lists the most probable classes best first, numbering a class without a name', () => {
    const unnamed = { numClasses: 4, classNames: ['a', 'b'] };
    expect(topClasses([0.1, 0.2, 0.3, 0.4], 0, unnamed, 3).map((c) => c.class)).toEqual([
      '3',
      '2',
      'b',
    ]);
  });
});
