/** Class labels 0..numClasses-1, one per sample: Uint8Array, Int32Array, number[], … */
export type Labels = ArrayLike<number>;

/** Scores or probabilities for n samples × k classes, row-major (sample i, class j at i*k + j). */
export type ScoreMatrix = Float32Array | Float64Array;
