import {
  type ClassifierDefinition,
  ClassifierInputError,
  imagesOfRows,
  type TrainContext,
  type Trainer,
  type TrainingSteps,
} from '@digitlab/core';
import { estimateDensity, type Layout, type LayoutChoice } from '@digitlab/kernels';
import {
  formatNumber,
  type LearningRateSchedule,
  lbfgsSteps,
  type SolverOutcome,
  type SolverStep,
  stochasticSteps,
  trainingSteps,
} from '@digitlab/optimizers';
import {
  type BackendChoice,
  predictDenseClasses,
  predictDenseProbabilities,
} from '@digitlab/tfjs-backend/browser';
import type { FullBatchObjective, ObjectiveData } from './gradient-objective.js';
import { decodeLayersModel, denseStack, encodeLayersModel } from './layers-model.js';
import { chooseLayout, type LayoutDecision } from './layout.js';
import { createLocalObjective } from './local-objective.js';
import {
  DEFAULT_LEARNING_RATES,
  type ScheduleName,
  type SoftmaxRegressionOptions,
  type softmaxRegressionOptionsSchema,
} from './options.js';
import {
  coefficientsFromKernel,
  type DenseWeights,
  parameterCount,
  parametersFromWeights,
  weightsFromParameters,
} from './parameters.js';

/** What `inspect()` calls the coefficient images. */
const COEFFICIENTS = {
  name: 'coefficients',
  title: 'Coefficients per class',
  scale: 'diverging',
} as const;

/** The plugin's name, as saved models and the registry know it. */
export const PLUGIN_NAME = 'softmax-regression';

// Settings that describe how a saved model was trained; the backend and the rest are the loader's.
const MODEL_OPTIONS = [
  'C',
  'solver',
  'maxIter',
  'tol',
  'm',
  'learningRate',
  'batchSize',
  'epochs',
  'schedule',
  'momentum',
  'seed',
] as const satisfies readonly (keyof SoftmaxRegressionOptions)[];

/**
 * Where an entry of this package trains: the TensorFlow.js backend a `backend` option resolves to
 * (tensors for dense data and prediction) and, under Node, gradient worker threads.
 */
export interface SoftmaxRuntime<B extends string = string> {
  /** Resolve the `backend` option, with a note when it is not what was asked for. */
  resolveBackend(choice: BackendChoice): Promise<{ readonly backend: B; readonly note?: string }>;
  /** Make a resolved backend the active one (another classifier may have switched it). */
  useBackend(backend: B): Promise<void>;
  /**
   * Start workers for L-BFGS's full-batch gradients on `numSamples` rows held in `layout`, or none
   * when the data is too small to be worth a round trip. Without it, training stays on this thread.
   */
  startWorkers?(
    requested: number,
    numSamples: number,
    start: { readonly backend: B; readonly layout: Layout },
  ): Promise<GradientWorkerPool | undefined>;
}

/** Started gradient workers, not yet holding data. */
export interface GradientWorkerPool {
  readonly size: number;
  /** Hand every worker its shard: the objective they compute together (it owns the workers). */
  load(data: ObjectiveData): Promise<FullBatchObjective>;
  /** Stop the workers; idempotent. */
  terminate(): Promise<void>;
}

/** What softmax-regression classifiers have beyond core's: the model in scikit-learn's terms. */
export interface SoftmaxRegressionMethods {
  /** Class weights as k×d row-major (scikit-learn's `coef_` layout). */
  coefficients(): Float32Array;
  /** Per-class intercepts (scikit-learn's `intercept_`). */
  intercepts(): Float32Array;
}

type OptionsSchema = ReturnType<typeof softmaxRegressionOptionsSchema>;

/**
 * Multinomial logistic regression with scikit-learn's objective, for core's fit driver: trained on
 * compressed rows in the WebAssembly kernel or on dense tensors, on `runtime`'s backend and workers.
 * Models are Dense-softmax weights in plain arrays, so no tensors outlive a call.
 */
export function softmaxRegressionDefinition<B extends string>(
  runtime: SoftmaxRuntime<B>,
  options: OptionsSchema,
): ClassifierDefinition<OptionsSchema, DenseWeights, SoftmaxRegressionMethods> {
  return {
    name: PLUGIN_NAME,
    description:
      'Multinomial logistic regression (scikit-learn LogisticRegression objective) on compressed rows (WebAssembly SIMD) or TensorFlow.js tensors, lbfgs/sgd/adam',
    options,
    modelOptions: MODEL_OPTIONS,
    // A path (e.g. along C) starts each fit at the previous setting's parameters.
    warmStarts: true,
    train: (context) => train(runtime, context),
    async predictProba(weights, features, o) {
      await activate(runtime, o.backend);
      return predictDenseProbabilities(denseStack(weights), features);
    },
    async predict(weights, features, o) {
      await activate(runtime, o.backend);
      return predictDenseClasses(denseStack(weights), features);
    },
    encode: (weights, _options, metadata) => encodeLayersModel(weights, metadata),
    decode: decodeLayersModel,
    // One coefficient row per class, image-shaped: scikit-learn's MNIST `coef_` view.
    inspect: (weights, { shape, classNames }) =>
      shape ? [imagesOfRows(COEFFICIENTS, coefficientsFromKernel(weights), shape, classNames)] : [],
    extend: (classifier) => ({
      coefficients: () => coefficientsFromKernel(classifier.requireModel('coefficients')),
      intercepts: () => classifier.requireModel('intercepts').bias.slice(),
    }),
  };
}

async function activate<B extends string>(
  runtime: SoftmaxRuntime<B>,
  choice: BackendChoice,
): Promise<void> {
  await runtime.useBackend((await runtime.resolveBackend(choice)).backend);
}

async function train<B extends string>(
  runtime: SoftmaxRuntime<B>,
  {
    data,
    options: o,
    signal,
    model,
    initial,
    resume,
  }: TrainContext<SoftmaxRegressionOptions, DenseWeights>,
): Promise<Trainer<DenseWeights>> {
  const { numSamples: n, numFeatures: d, numClasses: k } = data;
  const x0 = startingPoint(initial ?? (o.warmStart ? model : undefined), d, k);
  // Backend start-up (wasm compilation) happens once per process: not part of this fit's time.
  const { backend, note } = await runtime.resolveBackend(o.backend);
  const ensureBackend = () => runtime.useBackend(backend);
  // Choosing the layout reads at most 2,048 rows; the description and the workers depend on it.
  const density = o.layout === 'dense' ? undefined : estimateDensity(data.features, n, d);
  const shape = { numSamples: n, numFeatures: d, numClasses: k, density };
  const layout = chooseLayout(o.layout, shape, backend);
  // Workers start in their own threads (with tfjs, for dense shards): start-up too. Mini-batch
  // steps are too short to pay for a round trip to a worker: those stay on this thread.
  const pool =
    o.solver === 'lbfgs'
      ? await runtime.startWorkers?.(o.workers, n, { backend, layout: layout.layout })
      : undefined;
  const objectiveData = { ...data, C: o.C };

  // Loading the data (compressing it, or handing shards to the workers) happens in here, so it
  // counts as fit time.
  async function* steps(): TrainingSteps<DenseWeights> {
    // A resumed fit continues the solver state a checkpoint holds (core's driver passes it).
    const run = { signal, beforeEvaluation: ensureBackend, resume };
    let objective: FullBatchObjective | undefined;
    try {
      await ensureBackend();
      let solver: AsyncGenerator<SolverStep, SolverOutcome, undefined>;
      if (o.solver === 'lbfgs') {
        objective = pool
          ? await pool.load(objectiveData)
          : createLocalObjective(objectiveData, layout.layout, backend);
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
        const local = createLocalObjective(objectiveData, layout.layout, backend);
        objective = local;
        solver = stochasticSteps(local, x0, {
          ...run,
          ...o,
          solver: o.solver,
          learningRate: learningRateOf(o),
          schedule: LEARNING_RATE_SCHEDULES[o.schedule],
          convergence: { by: 'full-gradient', tol: o.tol },
          advice: 'increase epochs, tune learningRate/batchSize, scale the data, or use lbfgs',
        });
      }
      const full = objective;
      return yield* trainingSteps(solver, {
        model: (x) => weightsFromParameters(x, d, k),
        numSamples: n,
        trainAccuracyEvery: o.trainAccuracyEvery,
        trainAccuracy: (x) => full.accuracy(x),
        beforeEvaluation: ensureBackend,
      });
    } finally {
      // After trainingSteps has closed the solver.
      await objective?.dispose();
    }
  }

  return {
    unit: o.solver === 'lbfgs' ? 'iteration' : 'epoch',
    total: o.solver === 'lbfgs' ? o.maxIter : o.epochs,
    description: describeSettings(o, n, backend, layout, pool?.size ?? 0),
    // What the solver's evaluations count: objective evaluations, or mini-batches.
    evaluationsUnit: o.solver === 'lbfgs' ? 'f-evals' : 'batches',
    notes: [note, layoutNote(o.layout, layout)].filter((s): s is string => s !== undefined),
    steps: steps(),
    // The solvers stop at their next step once the signal fires, with their own message.
    watchesSignal: true,
    release: () => pool?.terminate(),
  };
}

/** The step size sgd/adam start from: the option, or the solver's own default. */
function learningRateOf(o: SoftmaxRegressionOptions): number {
  return o.learningRate ?? DEFAULT_LEARNING_RATES[o.solver === 'sgd' ? 'sgd' : 'adam'];
}

/** The schedules by option value; the decaying ones move every step, so the last steps are small. */
const LEARNING_RATE_SCHEDULES: Readonly<Record<ScheduleName, LearningRateSchedule>> = {
  cosine: { type: 'cosine', per: 'step' },
  linear: { type: 'linear', per: 'step' },
  constant: { type: 'constant' },
};

/** Zeros, or the current model's parameters for a warm start (which must fit the data's shape). */
function startingPoint(model: DenseWeights | undefined, d: number, k: number): Float64Array {
  if (!model) return new Float64Array(parameterCount(d, k));
  if (model.numFeatures !== d || model.numClasses !== k) {
    throw new ClassifierInputError(
      `fit with warmStart: expected training data with ${model.numFeatures} features and ${model.numClasses} classes (as the current parameters), found ${d} features and ${k} classes`,
    );
  }
  return parametersFromWeights(model);
}

/** What `auto` resolved to is worth a word; an explicit choice is already in the options. */
function layoutNote(choice: LayoutChoice, decision: LayoutDecision): string | undefined {
  if (decision.note !== undefined || choice !== 'auto') return decision.note;
  const held = decision.layout === 'sparse' ? 'compressed rows' : 'dense tensors';
  return `layout auto: ${held}, ${formatPercent(decision.density ?? 1)} nonzero`;
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
      : `learningRate=${formatNumber(learningRateOf(o))}, schedule=${o.schedule}, batchSize=${Math.min(o.batchSize, n)}, epochs=${o.epochs}` +
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
