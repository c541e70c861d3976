import { describe, expect, it } from 'vitest';
import { sampleMistakes } from '../test-support/sample-digits.js';
import { mistakeCaption, mistakesPanelModel } from './mistakes-panel-model.js';

const input = {
  classNames: Array.from({ length: 10 }, (_, c) => String(c)),
  unitLabel: 'epoch',
  room: { columns: 72, rows: 28 },
  depth: 'ansi256',
} as const;

describe('mistakesPanelModel', () => {
  it('shows as many half-size mistakes as fit, captioned true → predicted', () => {
    const model = mistakesPanelModel({ ...input, sample: sampleMistakes(12) });
    expect(model.title).toBe('misclassified · epoch 12 · 74 of 1000 test samples');
    expect(model.legend).toBe('true → predicted');
    // 72 columns hold four 14-wide tiles; 27 lines three rows of 7 + 1: twelve of 24.
    const captions = model.lines.filter((l) => l.includes('→'));
    expect(captions).toEqual([
      '0 → 6          1 → 7          2 → 8          3 → 5',
      '4 → 9          5 → 3          6 → 0          7 → 2',
      '8 → 3          9 → 4          0 → 6          1 → 7',
    ]);
  });

  it('stands a message in for the tiles when there is nothing to draw', () => {
    expect(mistakesPanelModel(input).message).toBe('waiting for the first held-out evaluation…');
    const none = { ...sampleMistakes(3), wrong: 0, mistakes: [] };
    expect(mistakesPanelModel({ ...input, sample: none }).message).toBe('no mistakes at epoch 3');
    const { shape: _, ...flat } = sampleMistakes(3);
    expect(mistakesPanelModel({ ...input, sample: flat }).message).toBe(
      'the test samples are not 2-D images: nothing to draw',
    );
  });
});

describe('mistakeCaption', () => {
  it('keeps short names whole and cuts long ones alike to fit the tile', () => {
    expect(mistakeCaption('4', '9', 10)).toBe('4 → 9');
    // Five cells a side: too few for an ellipsis (class-label keeps the first letters).
    expect(mistakeCaption('T-shirt/top', 'Shirt', 14)).toBe('T-shi → Shirt');
    expect(mistakeCaption('Sandal', 'Sneaker', 10)).toBe('San → Sne');
    expect([...mistakeCaption('Sandal', 'Sneaker', 4)]).toHaveLength(4);
  });
});
