import { failCheck } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/** Check `predictProba` output: a Float32Array of n×k values in [0, 1] whose rows sum to 1. */
export function checkProbabilities(
  probabilities: Float32Array,
  numSamples: number,
  numClasses: number,
  tolerance = 1e-4,
): void {
  const fail = failCheck('predictProba');
  const expected = numSamples * numClasses;
  if (!(probabilities instanceof Float32Array) || probabilities.length !== expected)
    fail(
      `expected a Float32Array of ${numSamples} × ${numClasses} = ${expected} values, found ${describeValue(probabilities)}`,
    );
  for (let i = 0; i < numSamples; i++) {
    let sum = 0;
    for (let c = 0; c < numClasses; c++) {
      const p = probabilities[i * numClasses + c] as number;
      if (!(p >= 0 && p <= 1))
        fail(`expected probabilities in [0, 1], found ${p} at row ${i}, class ${c}`);
      sum += p;
    }
    if (Math.abs(sum - 1) > tolerance)
      fail(`expected every row to sum to 1 (±${tolerance}), found ${sum} at row ${i}`);
  }
}
