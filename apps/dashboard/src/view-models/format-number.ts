/** A metric value in about `digits` significant digits; tiny and huge values in exponent form. */
export function formatValue(value: number | undefined, digits = 4): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  // Below 0.01 fixed notation needs more than `digits` characters; the exponent form stays short.
  if (magnitude < 1e-2 || magnitude >= 1e6) return value.toExponential(Math.max(0, digits - 3));
  return Number(value.toPrecision(digits)).toString();
}

/** A fraction as a percentage with one decimal, e.g. 0.9123 → '91.2%'. */
export function formatPercent(fraction: number | undefined, decimals = 1): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** A byte count in binary units, e.g. 1536 → '1.5 KiB'. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** A rate such as steps per second with sensible precision. */
export function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** A count with thousands grouped, as the dashboard writes sample counts: 10,000. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
