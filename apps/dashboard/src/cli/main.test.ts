import { describe, expect, it } from 'vitest';
import { classifierSpec } from './main.js';

describe('classifierSpec', () => {
  it('finds --classifier before commander parses, in both spellings', () => {
    expect(classifierSpec(['train', '--classifier', './x.js', '--json'])).toBe('./x.js');
    expect(classifierSpec(['--classifier=pkg'])).toBe('pkg');
    expect(classifierSpec(['train', '--json'])).toBeUndefined();
    expect(classifierSpec(['--classifier'])).toBeUndefined();
    expect(classifierSpec(['--', '--classifier', 'x'])).toBeUndefined();
  });
});
