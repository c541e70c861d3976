import { ArtifactError, defineClassifier, imagesOfRows, type Trainer } from '@digitlab/core';
import type { Dataset } from '@digitlab/datasets';
import { z } from 'zod';

const solver = { group: 'solver' } as const;
const options = z.object({
  solver: z
    .enum(['gd', 'momentum'])
    .default('gd')
    .describe('Update rule')
    .meta({ ...solver, selectsSolver: true }),
  C: z.number().positive().default(1).describe('Inverse of regularization strength'),
  maxIter: z
    .number()
    .int()
    .min(1)
    .default(50)
    .describe('Maximum number of iterations')
    .meta(solver),
  tol: z
    .number()
    .nonnegative()
    .default(1e-4)
    .describe('Stop when the gradient norm is below')
    .meta(solver),
  learningRate: z.number().positive().default(0.5).describe('Step size').meta(solver),
  stepDelayMs: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('Sleep per step (tests)')
    .meta({ header: false }),
  predictMsPerRow: z
    .number()
    .nonnegative()
    .default(0)
    .describe('Sleep this long per predicted row, so evaluation reports its progress (tests)')
    .meta({ header: false }),
});

/** Weights of a model: numClasses rows of numFeatures weights and a bias, row-major. */
interface Weights {
  readonly w: Float64Array;
  readonly numFeatures: number;
  readonly numClasses: number;
}

const FILE = 'weights.bin';

/** How many trainers are running now: a fit left early must still close its trainer. */
export const activeFits = { count: 0 };

/**
 * Multinomial logistic regression by plain gradient descent, in TypeScript without tensors, on
 * core's fit driver: an iterative plugin with objective, gradient norm and held-out evaluations,
 * small enough to drive the dashboard in tests.
 */
export const gradientDescentPlugin = defineClassifier({
  name: 'toy-gradient-descent',
  description: 'Softmax regression by gradient descent (test plugin)',
  options,
  train({ data, options: o }): Trainer<Weights> {
    const { numFeatures, numClasses } = data;
    async function* steps() {
      activeFits.count++;
      try {
        let w = new Float64Array((numFeatures + 1) * numClasses);
        for (let step = 1; step <= o.maxIter; step++) {
          if (o.stepDelayMs > 0) await new Promise((r) => setTimeout(r, o.stepDelayMs));
          const grad = new Float64Array(w.length);
          const objective = lossAndGradient(w, data, o.C, grad);
          const gradientNorm = grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
          // A new array per step: the driver tells models apart by identity.
          w = w.map((v, i) => v - o.learningRate * (grad[i] as number));
          const converged = gradientNorm < o.tol;
          const model = { w, numFeatures, numClasses };
          yield { model, objective, gradientNorm, evaluations: step, final: converged };
          if (converged) {
            const message = `gradient norm ${gradientNorm} below tol ${o.tol}`;
            return { stopReason: 'gtol', converged: true, message };
          }
        }
        const warning = 'increase max-iter (test plugin advice)';
        return {
          stopReason: 'max-iter',
          converged: false,
          message: `${o.maxIter} iterations`,
          warning,
        };
      } finally {
        activeFits.count--;
      }
    }
    const description = `${o.solver} learning_rate=${o.learningRate} max_iter=${o.maxIter}`;
    return {
      unit: 'iteration',
      total: o.maxIter,
      description,
      evaluationsUnit: 'gradients',
      steps: steps(),
    };
  },
  async predictProba(model, features, o) {
    const k = model.numClasses;
    const n = features.length / model.numFeatures;
    if (o.predictMsPerRow > 0) await new Promise((r) => setTimeout(r, o.predictMsPerRow * n));
    const out = new Float32Array(n * k);
    const p = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      logits(model, features, i, p);
      softmaxInPlace(p);
      out.set(p, i * k);
    }
    return out;
  },
  // Each class's weights without its bias, when the features are a 2-D image.
  inspect: ({ w, numFeatures: d }, { shape, classNames }) =>
    shape
      ? [
          imagesOfRows(
            { name: 'coefficients', title: 'Coefficients per class', scale: 'diverging' },
            w.filter((_, i) => i % (d + 1) !== d),
            shape,
            classNames,
          ),
        ]
      : [],
  encode: (model) => ({ [FILE]: new Uint8Array(model.w.slice().buffer) }),
  decode(files, { numFeatures, numClasses }) {
    const bytes = files[FILE];
    const expected = (numFeatures + 1) * numClasses * 8;
    if (bytes?.byteLength !== expected) {
      const found = bytes === undefined ? 'no file' : `${bytes.byteLength} bytes`;
      throw new ArtifactError(
        `expected ${expected} bytes of float64 weights, found ${found}`,
        FILE,
      );
    }
    return { w: new Float64Array(bytes.slice().buffer), numFeatures, numClasses };
  },
});

/** Mean cross-entropy plus the L2 penalty ‖w‖² / (2Cn); its gradient is added to `grad`. */
function lossAndGradient(w: Float64Array, train: Dataset, C: number, grad: Float64Array): number {
  const { numSamples: n, numFeatures: d, numClasses: k } = train;
  const model = { w, numFeatures: d, numClasses: k };
  const p = new Float64Array(k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    logits(model, train.features, i, p);
    softmaxInPlace(p);
    const y = train.labels[i] as number;
    loss -= Math.log(Math.max(1e-12, p[y] as number));
    for (let c = 0; c < k; c++) {
      const g = ((p[c] as number) - (c === y ? 1 : 0)) / n;
      for (let j = 0; j < d; j++)
        grad[c * (d + 1) + j] =
          (grad[c * (d + 1) + j] as number) + g * (train.features[i * d + j] as number);
      grad[c * (d + 1) + d] = (grad[c * (d + 1) + d] as number) + g;
    }
  }
  let penalty = 0;
  for (let c = 0; c < k; c++)
    for (let j = 0; j < d; j++) {
      const wj = w[c * (d + 1) + j] as number;
      penalty += wj * wj;
      grad[c * (d + 1) + j] = (grad[c * (d + 1) + j] as number) + wj / (C * n);
    }
  return loss / n + penalty / (2 * C * n);
}

function logits(
  { w, numFeatures: d, numClasses: k }: Weights,
  features: Float32Array,
  row: number,
  out: Float64Array,
): void {
  for (let c = 0; c < k; c++) {
    let z = w[c * (d + 1) + d] as number;
    for (let j = 0; j < d; j++)
      z += (w[c * (d + 1) + j] as number) * (features[row * d + j] as number);
    out[c] = z;
  }
}

function softmaxInPlace(p: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of p) if (v > max) max = v;
  let sum = 0;
  for (let c = 0; c < p.length; c++) {
    const e = Math.exp((p[c] as number) - max);
    p[c] = e;
    sum += e;
  }
  for (let c = 0; c < p.length; c++) p[c] = (p[c] as number) / sum;
}
