import { z } from 'zod';
import type { Classifier } from '../classifier.js';
import type { ClassifierPlugin } from '../classifier-plugin.js';
import { createHeldOutEvaluator } from '../held-out-evaluator.js';
import type { ModelArtifact } from '../model-artifact.js';
import { preprocessingToJson } from '../model-metadata.js';
import type { FitResult, HeldOutEvaluation, TrainingEvent } from '../training-event.js';
import { validateFeatures } from '../validate-features.js';

const options = z.object({
  shrink: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe('Pull each centroid towards the global mean'),
});
type Options = z.infer<typeof options>;

/**
 * A nearest-centroid classifier with no iterations and no tensors: a small, exact plugin to test
 * hosts against (apps, registries, this conformance kit), and proof that the contract does not
 * assume gradients.
 */
export function centroidPlugin(): ClassifierPlugin<Options> {
  const plugin: ClassifierPlugin<Options> = {
    name: 'toy-centroid',
    description: 'Nearest centroid (test plugin)',
    options,
    create: (opts) => new CentroidClassifier(plugin.name, opts),
    async load(artifact) {
      const c = new CentroidClassifier(plugin.name, { shrink: 0 });
      const bytes = artifact.files['centroids.bin'];
      if (!bytes) throw new Error('missing centroids.bin');
      c.restore(
        new Float32Array(bytes.slice().buffer),
        artifact.metadata.numFeatures,
        artifact.metadata,
      );
      return c;
    },
  };
  return plugin;
}

class CentroidClassifier implements Classifier {
  fitted = false;
  private centroids: Float32Array = new Float32Array(0);
  private d = 0;
  private k = 0;
  private meta: ModelArtifact['metadata'] | undefined;
  constructor(
    readonly plugin: string,
    readonly options: Options,
  ) {}

  restore(centroids: Float32Array, d: number, meta: ModelArtifact['metadata']) {
    this.centroids = centroids;
    this.d = d;
    this.k = meta.numClasses;
    this.meta = meta;
    this.fitted = true;
  }

  async *fit(
    train: Parameters<Classifier['fit']>[0],
    fitOptions: Parameters<Classifier['fit']>[1] = {},
  ): AsyncGenerator<TrainingEvent, FitResult, undefined> {
    const start = performance.now();
    const { numSamples: n, numFeatures: d, numClasses: k } = train;
    yield {
      type: 'start',
      unit: 'step',
      total: k,
      numSamples: n,
      numFeatures: d,
      numClasses: k,
      description: 'nearest centroid',
    };
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const c = train.labels[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let j = 0; j < d; j++)
        sums[c * d + j] = (sums[c * d + j] as number) + (train.features[i * d + j] as number);
    }
    this.centroids = new Float32Array(k * d);
    this.d = d;
    this.k = k;
    this.meta = {
      numFeatures: d,
      numClasses: k,
      classNames: train.classNames,
      imageShape: train.imageShape,
      preprocessing: preprocessingToJson(train.preprocessing),
    };
    this.fitted = true;
    const evaluator = createHeldOutEvaluator(fitOptions.evaluate, d, (f) => this.predict(f));
    let step = 0;
    let lastEvaluation: HeldOutEvaluation | undefined;
    for (let c = 0; c < k; c++) {
      if (fitOptions.signal?.aborted) {
        const result: FitResult = {
          stopReason: 'aborted',
          converged: false,
          message: 'aborted',
          steps: step,
          fitSeconds: 0,
          ...(lastEvaluation ? { evaluation: lastEvaluation } : {}),
        };
        yield { type: 'end', result };
        return result;
      }
      for (let j = 0; j < d; j++)
        this.centroids[c * d + j] = (sums[c * d + j] as number) / Math.max(1, counts[c] as number);
      step = c + 1;
      const final = step === k;
      const evaluation = evaluator?.due(step, final) ? await evaluator.run(step) : undefined;
      lastEvaluation = evaluation ?? lastEvaluation;
      yield {
        type: 'progress',
        unit: 'step',
        step,
        total: k,
        elapsedMs: performance.now() - start,
        ...(evaluation ? { evaluation } : {}),
      };
    }
    const result: FitResult = {
      stopReason: 'completed',
      converged: true,
      message: `computed ${k} centroids`,
      steps: k,
      fitSeconds: (performance.now() - start - (evaluator?.elapsedMs ?? 0)) / 1000,
      ...(lastEvaluation ? { evaluation: lastEvaluation } : {}),
    };
    yield { type: 'end', result };
    return result;
  }

  async predictProba(features: Float32Array): Promise<Float32Array> {
    const n = validateFeatures(features, this.d);
    const out = new Float32Array(n * this.k);
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let c = 0; c < this.k; c++) {
        let dist = 0;
        for (let j = 0; j < this.d; j++)
          dist +=
            ((features[i * this.d + j] as number) - (this.centroids[c * this.d + j] as number)) **
            2;
        const w = Math.exp(-dist);
        out[i * this.k + c] = w;
        total += w;
      }
      for (let c = 0; c < this.k; c++)
        out[i * this.k + c] = (out[i * this.k + c] as number) / total;
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

  async score(data: Parameters<Classifier['score']>[0]): Promise<number> {
    const pred = await this.predict(data.features);
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === data.labels[i]) ok++;
    return ok / pred.length;
  }

  async save(): Promise<ModelArtifact> {
    if (!this.meta) throw new Error('not fitted');
    return {
      plugin: this.plugin,
      metadata: this.meta,
      files: { 'centroids.bin': new Uint8Array(this.centroids.slice().buffer) },
    };
  }

  dispose(): void {
    this.centroids = new Float32Array(0);
  }
}
