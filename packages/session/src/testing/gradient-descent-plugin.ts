import {
  type Classifier,
  type ClassifierPlugin,
  createHeldOutEvaluator,
  type FitOptions,
  type FitResult,
  type ModelArtifact,
  preprocessingToJson,
  type TrainingEvent,
  validateFeatures,
} from '@digitlab/core';
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
});
type Options = z.infer<typeof options>;

/**
 * Multinomial logistic regression by plain gradient descent, in TypeScript without tensors: an
 * iterative plugin with objective, gradient norm and held-out evaluations, small enough to drive
 * the dashboard in tests.
 */
export function gradientDescentPlugin(): ClassifierPlugin<Options> {
  const plugin: ClassifierPlugin<Options> = {
    name: 'toy-gradient-descent',
    description: 'Softmax regression by gradient descent (test plugin)',
    options,
    create: (opts) => new GradientDescentClassifier(plugin.name, opts),
    async load(artifact) {
      const c = new GradientDescentClassifier(plugin.name, options.parse({}));
      const bytes = artifact.files['weights.bin'];
      if (!bytes) throw new Error('missing weights.bin');
      c.restore(new Float64Array(bytes.slice().buffer), artifact.metadata);
      return c;
    },
  };
  return plugin;
}

/** How many fit generators are running now: a generator left early must still clean up. */
export const activeFits = { count: 0 };

class GradientDescentClassifier implements Classifier {
  fitted = false;
  private w: Float64Array = new Float64Array(0);
  private d = 0;
  private k = 0;
  private meta: ModelArtifact['metadata'] | undefined;
  constructor(
    readonly plugin: string,
    readonly options: Options,
  ) {}

  restore(weights: Float64Array, meta: ModelArtifact['metadata']): void {
    this.w = weights;
    this.d = meta.numFeatures;
    this.k = meta.numClasses;
    this.meta = meta;
    this.fitted = true;
  }

  async *fit(
    train: Dataset,
    fitOptions: FitOptions = {},
  ): AsyncGenerator<TrainingEvent, FitResult, undefined> {
    const start = performance.now();
    const { numSamples: n, numFeatures: d, numClasses: k } = train;
    const { maxIter, learningRate } = this.options;
    this.d = d;
    this.k = k;
    this.w = new Float64Array((d + 1) * k);
    this.meta = {
      numFeatures: d,
      numClasses: k,
      classNames: train.classNames,
      imageShape: train.imageShape,
      preprocessing: preprocessingToJson(train.preprocessing),
    };
    this.fitted = true;
    yield {
      type: 'start',
      unit: 'iteration',
      total: maxIter,
      numSamples: n,
      numFeatures: d,
      numClasses: k,
      description: `${this.options.solver} learning_rate=${learningRate} max_iter=${maxIter}`,
    };
    activeFits.count++;
    try {
      return yield* this.iterate(train, fitOptions, start);
    } finally {
      activeFits.count--;
    }
  }

  private async *iterate(
    train: Dataset,
    fitOptions: FitOptions,
    start: number,
  ): AsyncGenerator<TrainingEvent, FitResult, undefined> {
    const d = train.numFeatures;
    const { maxIter, learningRate, tol, C, stepDelayMs } = this.options;
    const evaluator = createHeldOutEvaluator(fitOptions.evaluate, d, (f) => this.predict(f));
    let objective = Number.NaN;
    let gradientNorm = Number.NaN;
    let stopReason: FitResult['stopReason'] = 'max-iter';
    let step = 0;
    while (step < maxIter) {
      if (fitOptions.signal?.aborted) {
        stopReason = 'aborted';
        break;
      }
      if (stepDelayMs > 0) await new Promise((r) => setTimeout(r, stepDelayMs));
      const grad = new Float64Array(this.w.length);
      objective = this.lossAndGradient(train, C, grad);
      gradientNorm = grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
      for (let i = 0; i < this.w.length; i++)
        this.w[i] = (this.w[i] as number) - learningRate * (grad[i] as number);
      step++;
      const converged = gradientNorm < tol;
      const final = converged || step === maxIter;
      const evaluation = evaluator?.due(step, final) ? await evaluator.run(step) : undefined;
      yield {
        type: 'progress',
        unit: 'iteration',
        step,
        total: maxIter,
        evaluations: step,
        objective,
        gradientNorm,
        elapsedMs: performance.now() - start - (evaluator?.elapsedMs ?? 0),
        ...(evaluation ? { evaluation } : {}),
      };
      if (converged) {
        stopReason = 'gtol';
        break;
      }
    }
    const converged = stopReason === 'gtol';
    const result: FitResult = {
      stopReason,
      converged,
      message: converged ? `gradient norm ${gradientNorm} below tol ${tol}` : `${step} iterations`,
      ...(stopReason === 'max-iter' ? { warning: 'increase max-iter (test plugin advice)' } : {}),
      steps: step,
      evaluations: step,
      objective,
      fitSeconds: (performance.now() - start - (evaluator?.elapsedMs ?? 0)) / 1000,
    };
    yield { type: 'end', result };
    return result;
  }

  private lossAndGradient(train: Dataset, C: number, grad: Float64Array): number {
    const { numSamples: n, numFeatures: d, numClasses: k } = train;
    const p = new Float64Array(k);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      this.logits(train.features, i, p);
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
        const w = this.w[c * (d + 1) + j] as number;
        penalty += w * w;
        grad[c * (d + 1) + j] = (grad[c * (d + 1) + j] as number) + w / (C * n);
      }
    return loss / n + penalty / (2 * C * n);
  }

  private logits(features: Float32Array, row: number, out: Float64Array): void {
    const { d, k } = this;
    for (let c = 0; c < k; c++) {
      let z = this.w[c * (d + 1) + d] as number;
      for (let j = 0; j < d; j++)
        z += (this.w[c * (d + 1) + j] as number) * (features[row * d + j] as number);
      out[c] = z;
    }
  }

  async predictProba(features: Float32Array): Promise<Float32Array> {
    const n = validateFeatures(features, this.d);
    const out = new Float32Array(n * this.k);
    const p = new Float64Array(this.k);
    for (let i = 0; i < n; i++) {
      this.logits(features, i, p);
      softmaxInPlace(p);
      out.set(p, i * this.k);
    }
    return out;
  }

  async predict(features: Float32Array): Promise<Int32Array> {
    const p = await this.predictProba(features);
    const n = p.length / this.k;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < this.k; c++)
        if ((p[i * this.k + c] as number) > (p[i * this.k + best] as number)) best = c;
      out[i] = best;
    }
    return out;
  }

  async score(data: Dataset): Promise<number> {
    const pred = await this.predict(data.features);
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === data.labels[i]) ok++;
    return pred.length === 0 ? 0 : ok / pred.length;
  }

  async save(): Promise<ModelArtifact> {
    if (!this.meta) throw new Error('not fitted');
    return {
      plugin: this.plugin,
      metadata: this.meta,
      files: { 'weights.bin': new Uint8Array(this.w.slice().buffer) },
    };
  }

  dispose(): void {
    this.w = new Float64Array(0);
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
