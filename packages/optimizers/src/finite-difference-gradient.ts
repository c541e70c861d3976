/**
 * Central finite differences of `f` at x in float64, step `h` per coordinate: an independent check
 * of an analytic gradient (scipy's `approx_fprime`, centred). `f` sees one scratch copy of x.
 */
export function finiteDifferenceGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  h = 1e-6,
): Float64Array {
  const gradient = new Float64Array(x.length);
  const probe = x.slice();
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    probe[i] = v + h;
    const up = f(probe);
    probe[i] = v - h;
    const down = f(probe);
    probe[i] = v;
    gradient[i] = (up - down) / (2 * h);
  }
  return gradient;
}
