/** max |aᵢ − bᵢ|, for comparing a gradient or a model's outputs with a reference. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `maxAbsDifference: expected arrays of the same length, found ${a.length} and ${b.length}`,
    );
  }
  let max = 0;
  for (let i = 0; i < a.length; i++)
    max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}
