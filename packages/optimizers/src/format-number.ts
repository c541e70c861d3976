/**
 * Formats a number for messages with three significant digits, in exponent form when tiny or huge:
 * 8.12e-6, 1e-5, 0.123, 36, -3.14e+6.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || value === 0) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) return String(Number(value.toPrecision(3)));
  return value.toExponential(2).replace(/\.?0+e/, 'e');
}
