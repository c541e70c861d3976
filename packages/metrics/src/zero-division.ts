import { MetricsError } from './metrics-error.js';

/**
 * Value used when a score divides by zero, as scikit-learn's `zero_division`: `0`, `1`,
 * `NaN` (ignored by averages), or `'warn'` — which yields 0 and records a ZeroDivisionWarning.
 * Typed as `number` because TypeScript has no NaN literal; other numbers are rejected.
 */
export type ZeroDivision = 'warn' | number;

/** A score that was ill-defined for some classes and replaced by 0 (zeroDivision 'warn'). */
export interface ZeroDivisionWarning {
  readonly metric: 'precision' | 'recall' | 'f1';
  /** Class indices whose score divided by zero, ascending. */
  readonly classes: readonly number[];
  readonly message: string;
}

/** The resolved zeroDivision setting. */
export interface ZeroDivisionPolicy {
  readonly value: number;
  readonly warn: boolean;
}

/** Validates a zeroDivision option (default 'warn'). */
export function checkZeroDivision(fn: string, zeroDivision: unknown): ZeroDivisionPolicy {
  if (zeroDivision === undefined || zeroDivision === 'warn') return { value: 0, warn: true };
  if (zeroDivision === 0 || zeroDivision === 1 || Number.isNaN(zeroDivision)) {
    return { value: zeroDivision as number, warn: false };
  }
  throw new MetricsError({
    fn,
    argument: 'options.zeroDivision',
    expected: "to be 0, 1, NaN or 'warn'",
    value: zeroDivision,
  });
}

const REASONS: Record<ZeroDivisionWarning['metric'], string> = {
  precision: 'no predicted samples',
  recall: 'no true samples',
  f1: 'no true nor predicted samples',
};

/** Builds the warning for the classes where `metric` divided by zero. */
export function zeroDivisionWarning(
  metric: ZeroDivisionWarning['metric'],
  classes: readonly number[],
): ZeroDivisionWarning {
  const label = classes.length === 1 ? 'class' : 'classes';
  return {
    metric,
    classes,
    message:
      `${metric} is ill-defined for ${label} ${classes.join(', ')} (${REASONS[metric]}) ` +
      'and was set to 0; pass zeroDivision to choose the value',
  };
}
