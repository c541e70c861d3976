/**
 * An option name as a CLI flag name: `maxIter` → `max-iter`, `learningRate` → `learning-rate`.
 * All-capital names stay as they are (`C` → `C`), matching scikit-learn's spelling.
 */
export function kebabCase(name: string): string {
  if (name === name.toUpperCase()) return name;
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The inverse of kebabCase: `max-iter` → `maxIter`. */
export function camelCase(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
