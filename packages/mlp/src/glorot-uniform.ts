import { seededRandom } from '@digitlab/datasets';
import { type MlpShape, parameterOffsets } from './mlp-parameters.js';

/** scikit-learn's factor for ReLU (and tanh) layers; it uses 2 only for logistic activations. */
const RELU_FACTOR = 6;

/** The half-width of scikit-learn's uniform initialization for a layer: √(6 / (fan_in + fan_out)). */
export function glorotBound(fanIn: number, fanOut: number): number {
  return Math.sqrt(RELU_FACTOR / (fanIn + fanOut));
}

/**
 * Initial parameters as scikit-learn's MLPClassifier draws them: every kernel *and* bias of a layer
 * uniform in ±√(6 / (fan_in + fan_out)), drawn layer by layer (W1, b1, W2, b2) from one generator
 * seeded with `seed`, so the same seed gives the same network. (Keras' glorot_uniform has the same
 * bound but zero biases; scikit-learn's random biases are kept so its recipes carry over.)
 */
export function glorotUniformParameters(shape: MlpShape, seed: number): Float64Array {
  const { numFeatures: d, hiddenUnits: h, numClasses: k } = shape;
  const o = parameterOffsets(shape);
  const x = new Float64Array(o.length);
  const random = seededRandom(seed);
  const fill = (from: number, to: number, bound: number) => {
    for (let i = from; i < to; i++) x[i] = (2 * random() - 1) * bound;
  };
  const bound1 = glorotBound(d, h);
  const bound2 = glorotBound(h, k);
  fill(o.kernel1, o.bias1, bound1);
  fill(o.bias1, o.kernel2, bound1);
  fill(o.kernel2, o.bias2, bound2);
  fill(o.bias2, o.length, bound2);
  return x;
}
