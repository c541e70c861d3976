import { describe, expect, it } from 'vitest';
import { sampleImages, sampleMistakes } from '../../test-support/sample-digits.js';
import { digitPanelsReducer, initialDigitPanelsState } from './digit-panels-reducer.js';

describe('digitPanelsReducer', () => {
  it('keeps the latest images and mistakes from the session', () => {
    const images = sampleImages(10);
    const sample = sampleMistakes(10);
    const state = [
      { type: 'images', images: sampleImages(5) } as const,
      { type: 'images', images } as const,
      { type: 'mistakes', sample } as const,
    ].reduce(digitPanelsReducer, initialDigitPanelsState);
    expect(state.images).toBe(images);
    expect(state.mistakes).toBe(sample);
    expect(state.shown).toBeUndefined();
  });

  it('shows one panel at a time: w and m switch to theirs, or hide it when it is shown', () => {
    const weights = digitPanelsReducer(initialDigitPanelsState, { type: 'toggleWeights' });
    expect(weights.shown).toBe('weights');
    const mistakes = digitPanelsReducer(weights, { type: 'toggleMistakes' });
    expect(mistakes.shown).toBe('mistakes');
    expect(digitPanelsReducer(mistakes, { type: 'toggleMistakes' }).shown).toBeUndefined();
  });

  it('ignores other actions, returning the same state', () => {
    expect(digitPanelsReducer(initialDigitPanelsState, { type: 'toggleHelp' })).toBe(
      initialDigitPanelsState,
    );
  });
});
