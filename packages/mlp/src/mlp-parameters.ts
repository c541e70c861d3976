/**
 * The optimizer's parameter vector is [W1 (d×h), b1 (h), W2 (h×k), b2 (k)], each kernel row-major:
 * exactly the two tfjs Dense layers' `kernel`/`bias` in weightsManifest order, so saving needs no
 * reordering and scikit-learn's `coefs_`/`intercepts_` read off in the same order.
 */

/** Sizes of a one-hidden-layer network. */
export interface MlpShape {
  readonly numFeatures: number;
  readonly hiddenUnits: number;
  readonly numClasses: number;
}

/** A trained network's weights in float32. */
export interface MlpWeights extends MlpShape {
  /** d×h row-major. */
  readonly kernel1: Float32Array;
  readonly bias1: Float32Array;
  /** h×k row-major. */
  readonly kernel2: Float32Array;
  readonly bias2: Float32Array;
}

/** Where each block starts in the parameter vector, and its total length. */
export interface ParameterOffsets {
  readonly kernel1: number;
  readonly bias1: number;
  readonly kernel2: number;
  readonly bias2: number;
  readonly length: number;
}

/** Offsets of W1, b1, W2 and b2 in the parameter vector of `shape`. */
export function parameterOffsets(shape: MlpShape): ParameterOffsets {
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
  const bias1 = d * h;
  const kernel2 = bias1 + h;
  const bias2 = kernel2 + h * k;
  return { kernel1: 0, bias1, kernel2, bias2, length: bias2 + k };
}

/** Length of the parameter vector: d·h + h + h·k + k. */
export function parameterCount(shape: MlpShape): number {
  return parameterOffsets(shape).length;
}

/** Split a float64 parameter vector into float32 weights. */
export function weightsFromParameters(x: Float64Array, shape: MlpShape): MlpWeights {
  const o = parameterOffsets(shape);
  return {
    numFeatures: shape.numFeatures,
    hiddenUnits: shape.hiddenUnits,
    numClasses: shape.numClasses,
    kernel1: new Float32Array(x.subarray(o.kernel1, o.bias1)),
    bias1: new Float32Array(x.subarray(o.bias1, o.kernel2)),
    kernel2: new Float32Array(x.subarray(o.kernel2, o.bias2)),
    bias2: new Float32Array(x.subarray(o.bias2, o.length)),
  };
}

/** Join float32 weights into a float64 parameter vector (a warm start). */
export function parametersFromWeights(weights: MlpWeights): Float64Array {
  const o = parameterOffsets(weights);
  const x = new Float64Array(o.length);
  x.set(weights.kernel1, o.kernel1);
  x.set(weights.bias1, o.bias1);
  x.set(weights.kernel2, o.kernel2);
  x.set(weights.bias2, o.bias2);
  return x;
}
