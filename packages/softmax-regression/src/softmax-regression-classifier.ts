import {
  type Classifier,
  ClassifierInputError,
  createHeldOutEvaluator,
  type FitOptions,
  type FitResult,
  type HeldOutEvaluation,
  type ModelArtifact,
  type ModelMetadata,
  preprocessingToJson,
  Stopwatch,
  scoreDataset,
  type TrainingEvent,
  validateFeatures,
  validateTrainingData,
} from '@digitlab/core';
import type { Dataset } from '@digitlab/datasets';
import {
  formatNumber,
  lbfgsSteps,
  type SolverOutcome,
  type SolverStep,
  stochasticSteps,
} from '@digitlab/optimizers';
import { type ResolvedBackend, resolveBackend, useBackend } from '@digitlab/tfjs-backend';
import { NotFittedError } from './errors.js';
import type { FullBatchObjective, LocalObjective } from './gradient-objective.js';
import { encodeLayersModel } from './layers-model.js';
import { chooseLayout, type LayoutDecision } from './layout.js';
import { createLocalObjective } from './local-objective.js';
import type { SoftmaxRegressionOptions } from './options.js';
import {
  effectiveWorkerCount,
  GradientWorkers,
  ParallelObjective,
} from './parallel/parallel-objective.js';
import {
  coefficientsFromKernel,
  type DenseWeights,
  parameterCount,
  parametersFromWeights,
  weightsFromParameters,
} from './parameters.js';
import { predictClasses, predictProbabilities } from './predict-rows.js';
import { estimateDensity } from './sparse/compressed-rows.js';

/** A trained model's weights together with the metadata that describes its data. */
export interface RestoredModel {
  readonly weights: DenseWeights;
  readonly metadata: ModelMetadata;
}

/**
 * Multinomial logistic regression with scikit-learn's objective, trained on its own WebAssembly
 * kernel (or, in the dense layout, TensorFlow.js tensors, which live only during `fit`).
 */
export class SoftmaxRegressionClassifier implements Classifier {
  private weights: DenseWeights | undefined;
  private metadata: ModelMetadata | undefined;
  private fitting = false;
  private disposed = false;
  // dispose() during a fit aborts it, so the training tensors are released at the next step.
  private readonly lifetime = new AbortController();
  private resolved: Promise<ResolvedBackend> | undefined;

  constructor(
    readonly plugin: string,
    readonly options: SoftmaxRegressionOptions,
    restored?: RestoredModel,
  ) {
    if (restored) {
      this.weights = restored.weights;
      this.metadata = restored.metadata;
    }
  }

  get fitted(): boolean {
    return this.weights !== undefined;
  }

  /** Class weights as k×d row-major (scikit-learn's `coef_` layout). */
  coefficients(): Float32Array {
    return coefficientsFromKernel(this.requireWeights('coefficients'));
  }

  /** Per-class intercepts (scikit-learn's `intercept_`). */
  intercepts(): Float32Array {
    return this.requireWeights('intercepts').bias.slice();
  }

  /** Train on `train`, streaming a start event, a progress event per iteration/epoch and an end event. */
  async *fit(
    train: Dataset,
    fitOptions: FitOptions = {},
  ): AsyncGenerator<TrainingEvent, FitResult, undefined> {
    this.assertUsable('fit');
    if (this.fitting) {
      throw new ClassifierInputError(
        'fit: expected the previous fit of this classifier to have ended, found it still running',
      );
    }
    validateTrainingData(train);
    const { numSamples: n, numFeatures: d, numClasses: k } = train;
    const x0 = this.startingPoint(d, k);
    // The evaluator checks the held-out features once; re-checking 10,000 rows at every
    // evaluation cost more main-thread time than the prediction itself.
    const evaluator = createHeldOutEvaluator(fitOptions.evaluate, d, (f) =>
      this.predictChecked(this.requireWeights('predict'), f),
    );
    const o = this.options;
    const signal = fitOptions.signal
      ? AbortSignal.any([fitOptions.signal, this.lifetime.signal])
      : this.lifetime.signal;
    const clock = new Stopwatch();
    this.fitting = true;
    let objective: FullBatchObjective | undefined;
    let local: LocalObjective | undefined;
    let pool: GradientWorkers | undefined;
    let solver: AsyncGenerator<SolverStep, SolverOutcome, undefined> | undefined;
    try {
      // Backend start-up (wasm compilation) happens once per process: not part of this fit's time.
      const { backend, note } = await this.activateBackend();
      const ensureBackend = () => useBackend(backend);
      const workers = o.solver === 'lbfgs' ? effectiveWorkerCount(o.workers, n) : 0;
      // Looking at the data is fit time, like everything after start-up.
      clock.start();
      const layout = chooseLayout(
        o.layout,
        {
          numSamples: n,
          numFeatures: d,
          numClasses: k,
          density: o.layout === 'dense' ? undefined : estimateDensity(train.features, n, d),
        },
        backend,
      );
      clock.stop();
      // What `auto` resolved to is worth a word; an explicit choice is already in the options.
      const layoutNote =
        layout.note ??
        (o.layout === 'auto'
          ? `layout auto: ${layout.layout === 'sparse' ? 'compressed rows' : 'dense tensors'}, ${formatPercent(layout.density ?? 1)} nonzero`
          : undefined);
      const notes = [note, layoutNote].filter((s): s is string => s !== undefined);
      yield {
        type: 'start',
        unit: o.solver === 'lbfgs' ? 'iteration' : 'epoch',
        total: o.solver === 'lbfgs' ? o.maxIter : o.epochs,
        numSamples: n,
        numFeatures: d,
        numClasses: k,
        description: describeSettings(o, n, backend, layout, workers),
        ...(notes.length === 0 ? {} : { notes }),
      };
      // Workers start in their own threads (with tfjs, for dense shards): start-up too, so also
      // before the clock.
      if (workers > 0) {
        pool = await GradientWorkers.start(workers, { backend, layout: layout.layout });
      }
      clock.start();
      await ensureBackend();
      const dataMetadata: ModelMetadata = {
        numFeatures: d,
        numClasses: k,
        classNames: [...train.classNames],
        imageShape: [...train.imageShape],
        preprocessing: preprocessingToJson(train.preprocessing),
        dataset: train.name,
        training: { ...o, numSamples: n, split: train.split },
      };
      const setParameters = (x: Float64Array, metadata: ModelMetadata): void => {
        if (this.disposed) return;
        this.weights = weightsFromParameters(x, d, k);
        this.metadata = metadata;
      };
      const data = {
        features: train.features,
        labels: train.labels,
        numSamples: n,
        numFeatures: d,
        numClasses: k,
        C: o.C,
      };
      const run = { signal, beforeEvaluation: ensureBackend };
      if (o.solver === 'lbfgs') {
        objective =
          workers > 0
            ? await ParallelObjective.load(pool as GradientWorkers, data)
            : createLocalObjective(data, layout.layout, backend);
        solver = lbfgsSteps(objective, x0, {
          ...run,
          maxIter: o.maxIter,
          tol: o.tol,
          historySize: o.m,
          advice:
            'increase the number of iterations (maxIter) or scale the data as shown in ' +
            'https://scikit-learn.org/stable/modules/preprocessing.html; see also the alternative solvers (sgd, adam)',
        });
      } else {
        // Mini-batch steps are too short to pay for a round trip to a worker: this thread.
        local = createLocalObjective(data, layout.layout, backend);
        objective = local;
        solver = stochasticSteps(local, x0, {
          ...run,
          ...o,
          solver: o.solver,
          convergence: { by: 'full-gradient', tol: o.tol },
          advice: 'increase epochs, tune learningRate/batchSize, scale the data, or use lbfgs',
        });
      }
      const accuracyDue = (step: number, final: boolean) =>
        o.trainAccuracyEvery > 0 && (final || step % o.trainAccuracyEvery === 0);
      let evaluation: HeldOutEvaluation | undefined;
      let outcome: SolverOutcome;
      for (;;) {
        const next = await solver.next();
        if (next.done) {
          outcome = next.value;
          break;
        }
        const s = next.value;
        setParameters(s.x, dataMetadata);
        const trainAccuracy = accuracyDue(s.step, s.final)
          ? s.correct !== undefined
            ? s.correct / n
            : await objective.accuracy(s.x)
          : undefined;
        clock.stop();
        const current = evaluator?.due(s.step, s.final) ? await evaluator.run(s.step) : undefined;
        evaluation = current ?? evaluation;
        yield {
          type: 'progress',
          unit: o.solver === 'lbfgs' ? 'iteration' : 'epoch',
          step: s.step,
          total: o.solver === 'lbfgs' ? o.maxIter : o.epochs,
          evaluations: s.evaluations,
          objective: s.objective,
          gradientNorm: s.gradientNorm,
          ...(s.stepSize === undefined ? {} : { stepSize: s.stepSize }),
          ...(s.learningRate === undefined ? {} : { learningRate: s.learningRate }),
          ...(trainAccuracy === undefined ? {} : { trainAccuracy }),
          elapsedMs: clock.elapsedMs,
          ...(current ? { evaluation: current } : {}),
        };
        clock.start();
        await ensureBackend();
      }
      setParameters(outcome.x, dataMetadata);
      const trainAccuracy =
        o.trainAccuracyEvery > 0
          ? outcome.correct !== undefined
            ? outcome.correct / n
            : await objective.accuracy(outcome.x)
          : undefined;
      clock.stop();
      // A run that stopped where no step was flagged final (an abort mid-step) is evaluated here.
      if (evaluator?.due(outcome.steps, true)) evaluation = await evaluator.run(outcome.steps);
      const result: FitResult = {
        stopReason: outcome.stopReason,
        converged: outcome.converged,
        message: outcome.message,
        ...(outcome.warning === undefined ? {} : { warning: outcome.warning }),
        steps: outcome.steps,
        evaluations: outcome.evaluations,
        objective: outcome.objective,
        fitSeconds: clock.elapsedMs / 1000,
        ...(evaluation ? { evaluation } : {}),
      };
      setParameters(outcome.x, {
        ...dataMetadata,
        training: {
          ...dataMetadata.training,
          stopReason: result.stopReason,
          converged: result.converged,
        },
        metrics: {
          objective: outcome.objective,
          gradientNorm: outcome.gradientNorm,
          steps: outcome.steps,
          evaluations: outcome.evaluations,
          fitSeconds: result.fitSeconds,
          ...(trainAccuracy === undefined ? {} : { trainAccuracy }),
          ...(evaluation ? { heldOutAccuracy: evaluation.accuracy } : {}),
        },
      });
      yield { type: 'end', result };
      return result;
    } finally {
      this.fitting = false;
      try {
        await solver?.return(undefined as never);
      } finally {
        await objective?.dispose();
        await pool?.terminate();
      }
    }
  }

  /** Class probabilities, numSamples × numClasses row-major. */
  async predictProba(features: Float32Array): Promise<Float32Array> {
    const weights = this.requireWeights('predictProba');
    validateFeatures(features, weights.numFeatures, 'predictProba features');
    await this.activateBackend();
    return predictProbabilities(weights, features);
  }

  /** The most probable class of each row. */
  async predict(features: Float32Array): Promise<Int32Array> {
    const weights = this.requireWeights('predict');
    validateFeatures(features, weights.numFeatures, 'predict features');
    return this.predictChecked(weights, features);
  }

  /** `predict` for features already validated. */
  private async predictChecked(weights: DenseWeights, features: Float32Array): Promise<Int32Array> {
    await this.activateBackend();
    return predictClasses(weights, features);
  }

  /** Mean accuracy on a labelled dataset. */
  async score(data: Dataset): Promise<number> {
    const weights = this.requireWeights('score');
    return scoreDataset(data, weights.numFeatures, (features) => this.predict(features));
  }

  /** The model as TensorFlow.js LayersModel files (model.json + weights.bin) plus metadata. */
  async save(): Promise<ModelArtifact> {
    const weights = this.requireWeights('save');
    const metadata = this.metadata as ModelMetadata;
    return { plugin: this.plugin, metadata, files: encodeLayersModel(weights, metadata) };
  }

  /** Forget the parameters and stop a running fit at its next step; the classifier is unusable afterwards. */
  dispose(): void {
    this.disposed = true;
    this.weights = undefined;
    this.lifetime.abort();
  }

  /** Resolve the backend option once per classifier and make that backend the active one. */
  private async activateBackend(): Promise<ResolvedBackend> {
    this.resolved ??= resolveBackend(this.options.backend);
    const resolved = await this.resolved;
    await useBackend(resolved.backend);
    return resolved;
  }

  private startingPoint(d: number, k: number): Float64Array {
    if (!this.options.warmStart || !this.weights) return new Float64Array(parameterCount(d, k));
    const w = this.weights;
    if (w.numFeatures !== d || w.numClasses !== k) {
      throw new ClassifierInputError(
        `fit with warmStart: expected training data with ${w.numFeatures} features and ${w.numClasses} classes (as the current parameters), found ${d} features and ${k} classes`,
      );
    }
    return parametersFromWeights(w);
  }

  private requireWeights(operation: string): DenseWeights {
    this.assertUsable(operation);
    if (!this.weights) throw new NotFittedError(operation);
    return this.weights;
  }

  private assertUsable(operation: string): void {
    if (this.disposed) {
      throw new ClassifierInputError(
        `${operation}: expected a live classifier, found one that was disposed`,
      );
    }
  }
}

function describeSettings(
  o: SoftmaxRegressionOptions,
  n: number,
  backend: string,
  layout: LayoutDecision,
  workers: number,
): string {
  const settings =
    o.solver === 'lbfgs'
      ? `maxIter=${o.maxIter}, tol=${formatNumber(o.tol)}, m=${o.m}`
      : `learningRate=${formatNumber(o.learningRate)}, batchSize=${Math.min(o.batchSize, n)}, epochs=${o.epochs}` +
        `${o.solver === 'sgd' ? `, momentum=${o.momentum}` : ''}, seed=${o.seed}`;
  const data =
    layout.layout === 'sparse'
      ? `on compressed rows (${formatPercent(layout.density ?? 0)} nonzero) in the WebAssembly SIMD kernel`
      : `on dense tensors on the ${backend} backend`;
  const parallel = workers > 0 ? ` with ${workers} gradient worker${workers === 1 ? '' : 's'}` : '';
  return `softmax regression, ${o.solver} (C=${formatNumber(o.C)}, ${settings}${o.warmStart ? ', warm start' : ''}) ${data}${parallel}`;
}

function formatPercent(share: number): string {
  return `${(100 * share).toFixed(share < 0.1 ? 1 : 0)}%`;
}
