import { expect, it } from 'vitest';
import { placeholder } from './index.js';

it('exports', () => {
  expect(placeholder).toBe('dashboard');
});
