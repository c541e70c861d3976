/**
 * Formats like Python's `format(value, '.{digits}f')`: exact binary ties round half to even
 * (0.125 → '0.12'), whereas `Number#toFixed` rounds them away from zero ('0.13'). Non-finite
 * values print as Python does: 'nan', 'inf', '-inf'. `digits` must be in [0, 20].
 */
export function formatFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  // toFixed drops the sign of -0; Python keeps it.
  const rounded = Object.is(value, -0) ? `-${(0).toFixed(digits)}` : value.toFixed(digits);
  const magnitude = Math.abs(value);
  // A double exactly on a tie at ≤ 20 digits has a short decimal expansion that toFixed(100)
  // prints exactly; any other double is too far from a tie to print as '5' then only zeros.
  if (magnitude >= 1e21) return rounded;
  const exact = magnitude.toFixed(100);
  const point = exact.indexOf('.');
  const tail = exact.slice(point + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  const kept = exact.slice(0, digits === 0 ? point : point + 1 + digits);
  const lastDigit = Number(kept[kept.length - 1]);
  if (lastDigit % 2 === 1) return rounded;
  return value < 0 ? `-${kept}` : kept;
}
