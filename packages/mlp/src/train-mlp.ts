import {
  ClassifierInputError,
  type TrainContext,
  type Trainer,
  type TrainingEnd,
  type TrainingStep,
} from '@digitlab/core';
import type { Dataset } from '@digitlab/datasets';
import {
  formatNumber,
  lbfgsSteps,
  type SolverOutcome,
  type SolverStep,
  stochasticSteps,
  type TrainingObjective,
  trainingSteps,
} from '@digitlab/optimizers';
import { activateBackend, type BackendName, useBackend } from '@digitlab/tfjs-backend';
import { glorotUniformParameters } from './glorot-uniform.js';
import { chooseLayout, type LayoutDecision } from './layout.js';
import { MlpObjective, type MlpObjectiveData } from './mlp-objective.js';
import {
  type MlpShape,
  type MlpWeights,
  parametersFromWeights,
  weightsFromParameters,
} from './mlp-parameters.js';
import type { MlpOptions } from './options.js';
import { partWorkerCount } from './parallel/part-worker-count.js';
import { PartWorkers } from './parallel/part-workers.js';
import { ThreadedMlpAdam } from './parallel/threaded-adam.js';
import { SparseMlpObjective } from './sparse/sparse-mlp-objective.js';

/**
 * Start training an MLP: a new Glorot initialization of the seed, or the current weights with
 * warmStart. Backend start-up (wasm compilation, once per process) happens here, outside the fit
 * clock; the steps run the chosen solver one epoch (adam/sgd) or iteration (lbfgs) at a time.
 */
export async function trainMlp({
  data,
  options: o,
  signal,
  model,
  resume,
}: TrainContext<MlpOptions, MlpWeights>): Promise<Trainer<MlpWeights>> {
  const shape: MlpShape = {
    numFeatures: data.numFeatures,
    hiddenUnits: o.hiddenUnits,
    numClasses: data.numClasses,
  };
  const x0 = o.warmStart && model ? warmStartingPoint(model, shape) : undefined;
  const { backend, note } = await activateBackend(o.backend);
  const layout = chooseLayout(o.layout, data.features, data.numSamples, shape);
  const notes = [note, layout.note].filter((n): n is string => n !== undefined);
  const lbfgs = o.solver === 'lbfgs';
  // Adam on sparse rows runs in the threaded float32 engine; its workers start before the clock.
  const threaded = o.solver === 'adam' && layout.layout === 'sparse';
  const count = threaded ? partWorkerCount(o.workers, data.numSamples) : 0;
  const workers = count > 0 ? await PartWorkers.start(count) : undefined;
  return {
    unit: lbfgs ? 'iteration' : 'epoch',
    total: lbfgs ? o.maxIter : o.epochs,
    description: describeSettings(o, data.numSamples, backend, layout),
    // What the solver's evaluations count: objective evaluations, or mini-batches.
    evaluationsUnit: lbfgs ? 'f-evals' : 'batches',
    ...(notes.length === 0 ? {} : { notes }),
    steps: mlpSteps(data, o, shape, x0 ?? glorotUniformParameters(shape, o.seed), backend, layout, {
      signal,
      resume,
      threaded,
      workers,
    }),
    release: () => workers?.terminate(),
    // The solvers stop at their next step once the signal fires, with their own message.
    watchesSignal: true,
  };
}

async function* mlpSteps(
  data: Dataset,
  o: MlpOptions,
  shape: MlpShape,
  x0: Float64Array,
  backend: BackendName,
  layout: LayoutDecision,
  // A resumed fit continues the solver state a checkpoint holds (core's driver passes it).
  context: {
    readonly signal: AbortSignal;
    readonly resume: unknown;
    readonly threaded: boolean;
    readonly workers: PartWorkers | undefined;
  },
): AsyncGenerator<TrainingStep<MlpWeights>, TrainingEnd<MlpWeights>, undefined> {
  // Another classifier may switch the global backend while this fit is suspended.
  const ensureBackend = () => useBackend(backend);
  await ensureBackend();
  const objectiveData = {
    ...shape,
    features: data.features,
    labels: data.labels,
    numSamples: data.numSamples,
    alpha: o.alpha,
  };
  const engine = context.threaded
    ? await ThreadedMlpAdam.start({ ...objectiveData, batchSize: o.batchSize }, context.workers)
    : undefined;
  const objective = engine
    ? withAdamEngine(engine, objectiveData)
    : layout.layout === 'sparse'
      ? SparseMlpObjective.create(objectiveData)
      : new MlpObjective(objectiveData);
  // Only the dense layout's evaluations use the backend; sparse steps (and the engine's) never do.
  const hooks = {
    signal: context.signal,
    resume: context.resume,
    ...(layout.layout === 'dense' ? { beforeEvaluation: ensureBackend } : {}),
  };
  const solver: AsyncGenerator<SolverStep, SolverOutcome, undefined> =
    o.solver === 'lbfgs'
      ? lbfgsSteps(objective, x0, {
          ...hooks,
          maxIter: o.maxIter,
          tol: o.tol,
          advice: 'increase maxIter, scale the data, or use adam',
        })
      : stochasticSteps(objective, x0, {
          ...o,
          ...hooks,
          solver: o.solver,
          convergence: { by: 'patience', tol: o.tol, epochs: o.nIterNoChange },
          advice: 'increase epochs or tune learningRate/batchSize',
        });
  try {
    return yield* trainingSteps(solver, {
      model: (x) => weightsFromParameters(x, shape),
      numSamples: data.numSamples,
      // Only lbfgs's free counts: a pass over the training set to measure adam/sgd's accuracy is
      // an evaluation, which core's driver runs off the fit clock when FitOptions.trainAccuracy asks.
      trainAccuracyEvery: o.trainAccuracyEvery,
      beforeEvaluation: ensureBackend,
    });
  } finally {
    engine?.stop();
  }
}

/**
 * The engine's objective: its mini-batch steps, and the full objective (which an adam run asks for
 * only in rare cases) from a sparse objective compressed when first needed.
 */
function withAdamEngine(engine: ThreadedMlpAdam, data: MlpObjectiveData): TrainingObjective {
  let full: SparseMlpObjective | undefined;
  const objective = () => {
    full ??= SparseMlpObjective.create(data);
    return full;
  };
  return {
    numSamples: data.numSamples,
    adamEngine: engine,
    evaluate: (x) => objective().evaluate(x),
    evaluateBatch: (x, batch) => objective().evaluateBatch(x, batch),
  };
}

/** The current weights as the starting point, if they have the shape this fit asks for. */
function warmStartingPoint(w: MlpWeights, shape: MlpShape): Float64Array {
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

function describeSettings(
  o: MlpOptions,
  n: number,
  backend: string,
  layout: LayoutDecision,
): string {
  const settings =
    o.solver === 'lbfgs'
      ? `maxIter=${o.maxIter}, tol=${formatNumber(o.tol)}`
      : `learningRate=${formatNumber(o.learningRate)}, batchSize=${Math.min(o.batchSize, n)}, epochs=${o.epochs}` +
        `${o.solver === 'sgd' ? `, momentum=${o.momentum}${o.nesterov && o.momentum > 0 ? ' (Nesterov)' : ''}` : ''}`;
  return `MLP ${o.hiddenUnits} ReLU units, ${o.solver} (alpha=${formatNumber(o.alpha)}, ${settings}, seed=${o.seed}${o.warmStart ? ', warm start' : ''}) ${layout.layout === 'sparse' ? 'on sparse rows in the WebAssembly kernel' : `on the ${backend} backend`}`;
}
