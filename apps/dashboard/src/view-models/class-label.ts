/**
 * A class name cut to `width` cells. Long Fashion-MNIST names keep their first letters (which tell
 * them apart: "T-sh", "Trou", "Pull", …); an ellipsis only when there is room to spare for one.
 */
export function classLabel(name: string, width: number): string {
  const chars = [...name];
  if (width <= 0) return '';
  if (chars.length <= width) return name;
  if (width >= 6) return `${chars.slice(0, width - 1).join('')}…`;
  return chars.slice(0, width).join('');
}

/** Width of the longest class name, in characters. */
export function longestClassName(names: readonly string[]): number {
  return names.reduce((max, name) => Math.max(max, [...name].length), 0);
}
