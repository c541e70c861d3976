import { describe, expect, it } from 'vitest';
import { unitWord } from './unit-word.js';

describe('unitWord', () => {
  it('names each progress unit, singular for one and plural otherwise', () => {
    expect(unitWord('iteration', 1)).toBe('iteration');
    expect(unitWord('iteration', 12)).toBe('iterations');
    expect(unitWord('epoch', 1)).toBe('epoch');
    expect(unitWord('epoch', 20)).toBe('epochs');
    expect(unitWord('step', 0)).toBe('steps');
  });
});
