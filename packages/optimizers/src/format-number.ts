/** Formats a number for messages with two significant digits, e.g. 8.1e-6, 1e-5, 0.5, 36. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e5) {
    return String(Number(value.toPrecision(2)));
  }
  const [mantissa = '', exponent = ''] = value.toExponential(1).split('e');
  const trimmed = mantissa.endsWith('.0') ? mantissa.slice(0, -2) : mantissa;
  return `${trimmed}e${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}
