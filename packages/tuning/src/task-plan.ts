import type { Grid, Setting } from './grid.js';

/** Work for one runner call: on one fold, fit these settings in order. */
export interface TrialTask {
  readonly id: number;
  readonly fold: number;
  /** Indices into the settings; fitted in this order. */
  readonly settings: readonly number[];
  /** Start each setting after the first from the previous one's model (a path). */
  readonly warm: boolean;
}

/** How a grid is cut into tasks. */
export interface TaskPlan {
  readonly tasks: readonly TrialTask[];
  /** The option warm starts walk along, when they do. */
  readonly pathOption?: string;
}

/**
 * Cut `settings` × `folds` into tasks. When the plugin warm starts and the grid sweeps a numeric
 * option over two or more values (`pathOption`, or the first such option), one task per fold and
 * per combination of the other options walks that option's values in the grid's order, as
 * LogisticRegressionCV walks Cs per fold; otherwise each (setting, fold) is its own task, ordered
 * so each setting's folds come together and its mean is known early.
 */
export function planTasks(
  settings: readonly Setting[],
  grid: Grid,
  folds: number,
  warmStarts: boolean,
  pathOption?: string | false,
): TaskPlan {
  const path = warmStarts && pathOption !== false ? choosePath(grid, pathOption) : undefined;
  const tasks: TrialTask[] = [];
  if (path === undefined) {
    settings.forEach((_, s) => {
      for (let fold = 0; fold < folds; fold++) {
        tasks.push({ id: tasks.length, fold, settings: [s], warm: false });
      }
    });
    return { tasks };
  }
  // Settings that differ only in the path option, in the grid's order of its values.
  const paths = new Map<string, number[]>();
  settings.forEach((setting, s) => {
    const { [path]: _, ...rest } = setting.params;
    const key = JSON.stringify(rest);
    const members = paths.get(key) ?? [];
    members.push(s);
    paths.set(key, members);
  });
  for (const members of paths.values()) {
    for (let fold = 0; fold < folds; fold++) {
      tasks.push({ id: tasks.length, fold, settings: members, warm: true });
    }
  }
  return { tasks, pathOption: path };
}

function choosePath(grid: Grid, asked: string | undefined): string | undefined {
  const numeric = (name: string) => {
    const values = grid[name] ?? [];
    return values.length >= 2 && values.every((v) => typeof v === 'number');
  };
  if (asked !== undefined) return numeric(asked) ? asked : undefined;
  return Object.keys(grid).find(numeric);
}
