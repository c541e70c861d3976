import type { ProgressUnit } from '@digitlab/core';

/** The unit of `count` progress steps in words: 1 iteration, 12 epochs, 0 steps. */
export function unitWord(unit: ProgressUnit, count: number): string {
  return count === 1 ? unit : `${unit}s`;
}
