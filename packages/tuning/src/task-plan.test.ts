import { softmaxRegression } from '@digitlab/softmax-regression';
import { describe, expect, it } from 'vitest';
import { expandGrid } from './grid.js';
import { planTasks } from './task-plan.js';

const plugin = softmaxRegression();

describe('planTasks', () => {
  it('walks the numeric option per fold, in the grid’s order, when the plugin warm starts', () => {
    const grid = { C: [10, 0.1, 1] };
    const plan = planTasks(expandGrid(plugin, grid), grid, 3, true);
    expect(plan.pathOption).toBe('C');
    expect(plan.tasks).toEqual([
      { id: 0, fold: 0, settings: [0, 1, 2], warm: true },
      { id: 1, fold: 1, settings: [0, 1, 2], warm: true },
      { id: 2, fold: 2, settings: [0, 1, 2], warm: true },
    ]);
  });

  it('makes one path per combination of the other options', () => {
    const grid = { solver: ['lbfgs', 'adam'], C: [0.1, 1] };
    const plan = planTasks(expandGrid(plugin, grid), grid, 2, true);
    expect(plan.pathOption).toBe('C');
    expect(plan.tasks.map((t) => [t.fold, t.settings])).toEqual([
      [0, [0, 1]],
      [1, [0, 1]],
      [0, [2, 3]],
      [1, [2, 3]],
    ]);
  });

  it('fits each setting and fold alone without warm starts, a setting’s folds together', () => {
    const grid = { C: [0.1, 1] };
    const settings = expandGrid(plugin, grid);
    for (const plan of [
      planTasks(settings, grid, 2, false),
      planTasks(settings, grid, 2, true, false),
    ]) {
      expect(plan.pathOption).toBeUndefined();
      expect(plan.tasks.map((t) => [t.settings, t.fold, t.warm])).toEqual([
        [[0], 0, false],
        [[0], 1, false],
        [[1], 0, false],
        [[1], 1, false],
      ]);
    }
  });
});
