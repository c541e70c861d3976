import { MetricsError } from './metrics-error.js';
import type { Labels } from './types.js';

/** Checks that `numClasses` is an integer ≥ 1. */
export function checkNumClasses(fn: string, numClasses: unknown): number {
  if (typeof numClasses !== 'number' || !Number.isSafeInteger(numClasses) || numClasses < 1) {
    throw new MetricsError({
      fn,
      argument: 'numClasses',
      expected: 'to be an integer ≥ 1',
      value: numClasses,
    });
  }
  return numClasses;
}

/** Checks that `value` is array-like (has a numeric length), before any element is read. */
export function checkArrayLike(fn: string, argument: string, value: unknown): ArrayLike<unknown> {
  const length = (value as { length?: unknown } | null | undefined)?.length;
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof length !== 'number' ||
    !Number.isSafeInteger(length) ||
    length < 0
  ) {
    throw new MetricsError({
      fn,
      argument,
      expected: 'to be an array-like of labels (number[], Uint8Array, Int32Array, …)',
      value,
    });
  }
  return value as ArrayLike<unknown>;
}

/** Checks that both label arrays are array-like, equally long and (unless allowed) non-empty. */
export function checkPair(
  fn: string,
  yTrue: Labels,
  yPred: Labels,
  yTrueName: string,
  yPredName: string,
  allowEmpty: boolean,
): number {
  const n = checkArrayLike(fn, yTrueName, yTrue).length;
  const m = checkArrayLike(fn, yPredName, yPred).length;
  if (m !== n) {
    throw new MetricsError({
      fn,
      argument: yPredName,
      expected: `to have the same length as ${yTrueName} (${n})`,
      value: m,
      found: `length ${m}`,
    });
  }
  if (n === 0 && !allowEmpty) throw emptyError(fn, yTrueName);
  return n;
}

/** Checks that `value` is array-like and holds at least one sample; returns its length. */
export function checkSampleCount(fn: string, argument: string, value: unknown): number {
  const n = checkArrayLike(fn, argument, value).length;
  if (n === 0) throw emptyError(fn, argument);
  return n;
}

function emptyError(fn: string, argument: string): MetricsError {
  return new MetricsError({
    fn,
    argument,
    expected: 'to hold at least one sample',
    value: 0,
    found: 'an empty array',
  });
}

/** Error for a label that is not an integer in [0, numClasses). */
export function labelError(
  fn: string,
  argument: string,
  index: number,
  value: unknown,
  numClasses: number,
): MetricsError {
  return new MetricsError({
    fn,
    argument,
    index,
    expected:
      numClasses === Number.POSITIVE_INFINITY
        ? 'to be a non-negative integer label'
        : `to be an integer label in [0, ${numClasses})`,
    value,
  });
}

/** Checks an optional integer option lies in [min, max]. */
export function checkIntegerOption(
  fn: string,
  argument: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new MetricsError({ fn, argument, expected: `to be an integer ${range}`, value });
  }
  return value;
}

/** Checks that an options argument, when given, is a plain object. */
export function checkOptions<O extends object>(fn: string, options: O | undefined): Partial<O> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new MetricsError({
      fn,
      argument: 'options',
      expected: 'to be an object or undefined',
      value: options,
    });
  }
  return options;
}
