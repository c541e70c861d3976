import { describe, expect, it } from 'vitest';
import { sampleImages } from '../test-support/sample-digits.js';
import { legendText } from './digit-panel-model.js';
import { weightsPanelModel } from './weights-panel-model.js';

const input = { unitLabel: 'iter', room: { columns: 80, rows: 14 }, depth: 'none' } as const;

describe('weightsPanelModel', () => {
  it('lays out every class in the room, titled with the set and the step', () => {
    const model = weightsPanelModel({ ...input, images: sampleImages(30) });
    expect(model.title).toBe('Coefficients per class · iter 30');
    expect(model.message).toBeUndefined();
    // A third of 28×28: two rows of 5 picture lines and a caption line.
    expect(model.lines).toHaveLength(12);
    expect(model.lines[5]).toBe(
      '0          1          2          3          4          5          6',
    );
    for (const line of model.lines) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('says how many are shown when not all fit, and which set of several', () => {
    const images = sampleImages(30);
    const set = images.sets[0];
    if (!set) throw new Error('expected a sample set');
    const model = weightsPanelModel({
      ...input,
      room: { columns: 32, rows: 7 },
      images: { ...images, sets: [set, set] },
    });
    // Three 10-wide tiles a row (32 + 1 gap ≥ 3 × 11), one row of 5 lines and a caption: 3.
    expect(model.title).toBe('Coefficients per class · iter 30 · 3 of 10 shown · set 1 of 2');
  });

  it('stands a message in for the tiles when there is nothing to draw', () => {
    expect(weightsPanelModel(input).message).toBe('waiting for the first held-out evaluation…');
    expect(
      weightsPanelModel({ ...input, classifier: 'knn', images: { step: 1, sets: [] } }).message,
    ).toBe('knn has no weights to show');
    expect(
      weightsPanelModel({ ...input, images: { step: 1, sets: [], error: 'disposed' } }).message,
    ).toBe("could not read the model's images: disposed");
    expect(
      weightsPanelModel({ ...input, room: { columns: 8, rows: 14 }, images: sampleImages(1) })
        .message,
    ).toBe('enlarge the terminal to see the weights');
  });
});

describe('legendText', () => {
  it('names the colours, or the characters without colour, with the limits', () => {
    expect(legendText('diverging', [-0.5, 0.5], 'truecolor')).toBe('red −, blue +, limits ±0.5');
    expect(legendText('sequential', [0, 1], 'ansi256')).toBe('white 0 → black 1');
    expect(legendText('diverging', [-0.5, 0.5], 'none')).toBe("'=' -0.5 … ' ' 0 … '@' 0.5");
    expect(legendText('sequential', [0, 1], 'none')).toBe("' ' 0 … '@' 1");
  });
});
