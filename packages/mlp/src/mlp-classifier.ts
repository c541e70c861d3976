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
  sameVector,
  stochasticSteps,
} from '@digitlab/optimizers';
import { type ResolvedBackend, resolveBackend, useBackend } from '@digitlab/tfjs-backend';
import { NotFittedError } from './errors.js';
import { glorotUniformParameters } from './glorot-uniform.js';
import { encodeLayersModel } from './layers-model.js';
import { MlpObjective } from './mlp-objective.js';
import {
  type MlpShape,
  type MlpWeights,
  parametersFromWeights,
  weightsFromParameters,
} from './mlp-parameters.js';
import type { MlpOptions } from './options.js';
import { predictClasses, predictProbabilities } from './predict-rows.js';

/** A trained model's weights together with the metadata that describes its data. */
export interface RestoredModel {
  readonly weights: MlpWeights;
  readonly metadata: ModelMetadata;
}

/**
 * A one-hidden-layer perceptron (ReLU hidden layer, softmax output) with scikit-learn
 * MLPClassifier's loss, initialization and solvers, trained on a TensorFlow.js backend. Holds no
 * tensors between calls: every evaluation uploads what it needs and releases it.
 */
export class MlpClassifier implements Classifier {
  private weights: MlpWeights | undefined;
  private metadata: ModelMetadata | undefined;
  private fitting = false;
  private disposed = false;
  // dispose() during a fit aborts it, so it stops at its next step.
  private readonly lifetime = new AbortController();
  private resolved: Promise<ResolvedBackend> | undefined;

  constructor(
    readonly plugin: string,
    readonly options: MlpOptions,
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

  /** The current weights (copies): kernels row-major, as the saved Dense layers hold them. */
  getWeights(): MlpWeights {
    const w = this.requireWeights('getWeights');
    return {
      ...w,
      kernel1: w.kernel1.slice(),
      bias1: w.bias1.slice(),
      kernel2: w.kernel2.slice(),
      bias2: w.bias2.slice(),
    };
  }

  /** Train on `train`, streaming a start event, a progress event per epoch/iteration and an end event. */
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
    const o = this.options;
    const shape: MlpShape = { numFeatures: d, hiddenUnits: o.hiddenUnits, numClasses: k };
    const x0 = this.startingPoint(shape);
    const evaluator = createHeldOutEvaluator(fitOptions.evaluate, d, (f) => this.predict(f));
    const signal = fitOptions.signal
      ? AbortSignal.any([fitOptions.signal, this.lifetime.signal])
      : this.lifetime.signal;
    const unit = o.solver === 'lbfgs' ? 'iteration' : 'epoch';
    const total = o.solver === 'lbfgs' ? o.maxIter : o.epochs;
    const clock = new Stopwatch();
    this.fitting = true;
    let solver: AsyncGenerator<SolverStep, SolverOutcome, undefined> | undefined;
    try {
      // Backend start-up (wasm compilation) happens once per process: not part of this fit's time.
      const { backend, note } = await this.activateBackend();
      const ensureBackend = () => useBackend(backend);
      yield {
        type: 'start',
        unit,
        total,
        numSamples: n,
        numFeatures: d,
        numClasses: k,
        description: describeSettings(o, n, backend),
        ...(note === undefined ? {} : { notes: [note] }),
      };
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
        this.weights = weightsFromParameters(x, shape);
        this.metadata = metadata;
      };
      const objective = new MlpObjective({
        ...shape,
        features: train.features,
        labels: train.labels,
        numSamples: n,
        alpha: o.alpha,
      });
      const run = { signal, beforeEvaluation: ensureBackend };
      solver =
        o.solver === 'lbfgs'
          ? lbfgsSteps(objective, x0, {
              ...run,
              maxIter: o.maxIter,
              tol: o.tol,
              advice: 'increase maxIter, scale the data, or use adam',
            })
          : stochasticSteps(objective, x0, {
              ...o,
              ...run,
              solver: o.solver,
              convergence: { by: 'patience', tol: o.tol, epochs: o.nIterNoChange },
              advice: 'increase epochs or tune learningRate/batchSize',
            });
      // A forward pass over the training set is not free with mini-batches: remember the last one.
      const known: { x: Float64Array; correct: number } = { x: new Float64Array(0), correct: 0 };
      const trainAccuracyAt = async (x: Float64Array, correct: number | undefined) => {
        if (correct === undefined && !sameVector(known.x, x)) {
          await ensureBackend();
          known.correct = objective.countCorrect(x);
          known.x = x;
        } else if (correct !== undefined) {
          known.correct = correct;
          known.x = x;
        }
        return known.correct / n;
      };
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
          ? await trainAccuracyAt(s.x, s.correct)
          : undefined;
        clock.stop();
        const current = evaluator?.due(s.step, s.final) ? await evaluator.run(s.step) : undefined;
        evaluation = current ?? evaluation;
        yield {
          type: 'progress',
          unit,
          step: s.step,
          total,
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
        o.trainAccuracyEvery > 0 ? await trainAccuracyAt(outcome.x, outcome.correct) : undefined;
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
      await solver?.return(undefined as never);
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

  /** Forget the weights and stop a running fit at its next step; the classifier is unusable afterwards. */
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

  private startingPoint(shape: MlpShape): Float64Array {
    if (!this.options.warmStart || !this.weights) {
      return glorotUniformParameters(shape, this.options.seed);
    }
    const w = this.weights;
    if (
      w.numFeatures !== shape.numFeatures ||
      w.numClasses !== shape.numClasses ||
      w.hiddenUnits !== shape.hiddenUnits
    ) {
      throw new ClassifierInputError(
        `fit with warmStart: expected ${w.numFeatures} features, ${w.hiddenUnits} hidden units and ${w.numClasses} classes (as the current weights), found ${shape.numFeatures} features, hiddenUnits ${shape.hiddenUnits} and ${shape.numClasses} classes`,
      );
    }
    return parametersFromWeights(w);
  }

  private requireWeights(operation: string): MlpWeights {
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

function describeSettings(o: MlpOptions, n: number, backend: string): string {
  const settings =
    o.solver === 'lbfgs'
      ? `maxIter=${o.maxIter}, tol=${formatNumber(o.tol)}`
      : `learningRate=${formatNumber(o.learningRate)}, batchSize=${Math.min(o.batchSize, n)}, epochs=${o.epochs}` +
        `${o.solver === 'sgd' ? `, momentum=${o.momentum}${o.nesterov && o.momentum > 0 ? ' (Nesterov)' : ''}` : ''}`;
  return `MLP ${o.hiddenUnits} ReLU units, ${o.solver} (alpha=${formatNumber(o.alpha)}, ${settings}, seed=${o.seed}${o.warmStart ? ', warm start' : ''}) on the ${backend} backend`;
}
