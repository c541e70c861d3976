import { FiguresError } from './figures-error.js';

/** Display names for k classes: the given ones (checked: k of them, distinct) or '0'…'k-1'. */
export function classNamesFor(
  figure: string,
  classNames: readonly string[] | undefined,
  k: number,
): string[] {
  if (classNames === undefined) return Array.from({ length: k }, (_, i) => String(i));
  if (classNames.length !== k) {
    throw new FiguresError(
      figure,
      'classNames',
      `to hold one name per class (${k})`,
      `${classNames.length} names`,
    );
  }
  const seen = new Set<string>();
  for (let i = 0; i < k; i++) {
    const name = classNames[i];
    if (typeof name !== 'string' || name.length === 0) {
      throw new FiguresError(
        figure,
        `classNames[${i}]`,
        'to be a non-empty string',
        JSON.stringify(name),
      );
    }
    if (seen.has(name)) {
      throw new FiguresError(
        figure,
        `classNames[${i}]`,
        'to differ from the names before it',
        JSON.stringify(name),
      );
    }
    seen.add(name);
  }
  return [...classNames];
}

/** Throws unless `array` has exactly `length` entries. */
export function checkLength(
  figure: string,
  field: string,
  array: ArrayLike<unknown>,
  length: number,
  what: string,
): void {
  if (array.length !== length) {
    throw new FiguresError(figure, field, `to have ${length} entries (${what})`, `${array.length}`);
  }
}

/** Throws unless `value` is an integer in [0, limit). */
export function checkLabel(figure: string, field: string, value: number, limit: number): void {
  if (!Number.isInteger(value) || value < 0 || value >= limit) {
    throw new FiguresError(figure, field, `to be a class index in [0, ${limit})`, String(value));
  }
}

/** Throws unless `value` is finite. */
export function checkFinite(figure: string, field: string, value: number): void {
  if (!Number.isFinite(value))
    throw new FiguresError(figure, field, 'to be a finite number', String(value));
}

/** Throws unless `shape` is [height, width] of positive integers; returns them. */
export function checkImageShape(
  figure: string,
  field: string,
  shape: readonly [number, number],
): [height: number, width: number] {
  const [height, width] = shape;
  if (!(Number.isInteger(height) && Number.isInteger(width) && height > 0 && width > 0)) {
    throw new FiguresError(
      figure,
      field,
      'to be [height, width], positive integers',
      JSON.stringify(shape),
    );
  }
  return [height, width];
}

/** Throws unless `columns` is a positive integer; returns it. */
export function checkColumns(figure: string, columns: number): number {
  if (!(Number.isInteger(columns) && columns > 0)) {
    throw new FiguresError(figure, 'options.columns', 'to be a positive integer', String(columns));
  }
  return columns;
}
