/**
 * The optimizer's parameter vector is [kernel W (d×k, row-major), bias b (k)]: exactly a tfjs Dense
 * layer's `kernel` [d, k] and `bias` [k], so saving needs no reordering.
 */

/** A Dense layer's weights in float32: kernel d×k row-major and bias k. */
export interface DenseWeights {
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/** Length of the parameter vector for d features and k classes. */
export function parameterCount(numFeatures: number, numClasses: number): number {
  return numFeatures * numClasses + numClasses;
}

/** Split a parameter vector into float32 kernel and bias. */
export function weightsFromParameters(
  x: Float64Array,
  numFeatures: number,
  numClasses: number,
): DenseWeights {
  const split = numFeatures * numClasses;
  return {
    numFeatures,
    numClasses,
    kernel: new Float32Array(x.subarray(0, split)),
    bias: new Float32Array(x.subarray(split, split + numClasses)),
  };
}

/** Join kernel and bias into a float64 parameter vector (a warm start). */
export function parametersFromWeights(weights: DenseWeights): Float64Array {
  const x = new Float64Array(parameterCount(weights.numFeatures, weights.numClasses));
  x.set(weights.kernel, 0);
  x.set(weights.bias, weights.kernel.length);
  return x;
}

/** The kernel transposed to k×d row-major: scikit-learn's `coef_` layout. */
export function coefficientsFromKernel(weights: DenseWeights): Float32Array {
  const { numFeatures: d, numClasses: k, kernel } = weights;
  const out = new Float32Array(k * d);
  for (let j = 0; j < d; j++) {
    for (let c = 0; c < k; c++) out[c * d + j] = kernel[j * k + c] as number;
  }
  return out;
}
