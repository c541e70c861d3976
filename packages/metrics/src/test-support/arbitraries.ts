import fc from 'fast-check';

/** A labelled sample: k classes and equally long true/predicted label arrays. */
export interface LabelledSample {
  readonly numClasses: number;
  readonly yTrue: number[];
  readonly yPred: number[];
}

/** Random samples of 1..maxLength labels over 1..maxClasses classes. */
export function labelledSample(maxClasses = 6, maxLength = 60): fc.Arbitrary<LabelledSample> {
  return fc.integer({ min: 1, max: maxClasses }).chain((numClasses) =>
    fc
      .array(fc.tuple(fc.nat(numClasses - 1), fc.nat(numClasses - 1)), {
        minLength: 1,
        maxLength,
      })
      .map((pairs) => ({
        numClasses,
        yTrue: pairs.map(([t]) => t),
        yPred: pairs.map(([, p]) => p),
      })),
  );
}

/** True labels with an n×k Float64Array of scores drawn from a few values, so ties are common. */
export function scoredSample(
  maxClasses = 6,
  maxLength = 40,
): fc.Arbitrary<{ numClasses: number; yTrue: number[]; scores: Float64Array }> {
  return fc.integer({ min: 1, max: maxClasses }).chain((numClasses) =>
    fc
      .array(
        fc.tuple(
          fc.nat(numClasses - 1),
          fc.array(fc.constantFrom(0, 0.1, 0.25, 0.5, 1), {
            minLength: numClasses,
            maxLength: numClasses,
          }),
        ),
        { minLength: 1, maxLength },
      )
      .map((rows) => ({
        numClasses,
        yTrue: rows.map(([t]) => t),
        scores: Float64Array.from(rows.flatMap(([, s]) => s)),
      })),
  );
}
