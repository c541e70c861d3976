import { describe, expect, it } from 'vitest';
import { stageRows } from './stage-rows.js';

describe('stageRows', () => {
  it('copies the row indices into the list', () => {
    const into = new Int32Array(4);
    stageRows(Uint32Array.from([3, 0, 2]), 4, into, 'K.stage');
    expect([...into]).toEqual([3, 0, 2, 0]);
  });

  it('names the caller, the limit and the bad index', () => {
    const into = new Int32Array(4);
    expect(() => stageRows(Uint32Array.from([1, 4]), 4, into, 'K.stage')).toThrow(
      'K.stage: expected row indices below 4, found 4 at position 1',
    );
    expect(() => stageRows(new Uint32Array(5), 4, into, 'K.stage')).toThrow(
      'K.stage: expected at most 4 rows, found 5',
    );
  });
});
