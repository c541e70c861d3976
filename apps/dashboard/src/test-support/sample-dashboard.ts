import { evaluationProgress, type SessionInfo, summarizeEvaluation } from '@digitlab/session';
import type { DashboardAction } from '../components/dashboard/dashboard-action.js';
import {
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
} from '../components/dashboard/dashboard-reducer.js';

/** A notebook-like session description (MNIST, 1000 per class, L-BFGS). */
export function sampleInfo(classNames?: readonly string[]): SessionInfo {
  return {
    dataset: 'mnist',
    nTrain: 10000,
    nTest: 10000,
    numFeatures: 784,
    classNames: classNames ?? Array.from({ length: 10 }, (_, c) => String(c)),
    sampling: '1000/class, seed 0',
    classifier: 'softmax-regression',
    classifierOptions: { C: 1, solver: 'lbfgs', maxIter: 500, tol: 0.0001 },
    optionDescriptions: [
      { name: 'C', type: 'number', group: 'model' },
      { name: 'solver', type: 'enum', group: 'solver', selectsSolver: true },
      { name: 'maxIter', type: 'integer', group: 'solver', solvers: ['lbfgs'] },
      { name: 'tol', type: 'number', group: 'solver', solvers: ['lbfgs'] },
    ],
    optimizer: 'lbfgs',
    optimizerDescription: '',
    unit: 'iteration',
    backend: 'cpu',
    evalEvery: 'auto',
    evaluationsUnit: 'f-evals',
    seed: 0,
    notes: [],
  };
}

/**
 * Predictions for `n` test samples whose accuracy rises with `quality` in [0, 1]; mistakes go
 * mostly to a neighbouring class, so some pairs stand out as they do on MNIST (4 → 9, 7 → 2…).
 */
export function sampleEvaluation(step: number, quality: number, n = 1000, k = 10) {
  const labels = new Uint8Array(n);
  const predictions = new Int32Array(n);
  const confusedWith = [6, 7, 8, 5, 9, 3, 0, 2, 3, 4];
  for (let i = 0; i < n; i++) {
    const y = i % k;
    labels[i] = y;
    const r = ((i * 7919) % 1000) / 1000;
    predictions[i] =
      r < quality ? y : r < quality + (1 - quality) * 0.6 ? (confusedWith[y] ?? y) : (y + 1) % k;
  }
  let correct = 0;
  for (let i = 0; i < n; i++) if (predictions[i] === labels[i]) correct++;
  return summarizeEvaluation({
    step,
    predictions,
    labels,
    numClasses: k,
    accuracy: correct / n,
    elapsedMs: 1,
  });
}

/**
 * An evaluation of step `step` in progress: `done` of `total` test images predicted in `elapsedMs`,
 * with the partial matrix of those done.
 */
export function sampleEvaluating(
  step: number,
  done: number,
  total = 10_000,
  elapsedMs = 2490,
  k = 10,
): DashboardAction {
  return {
    type: 'evaluating',
    progress: evaluationProgress({ step, done, total, elapsedMs }),
    partial: sampleEvaluation(step, 0.9, done, k),
  };
}

/** The training set of a run being predicted to measure its training accuracy: `done` of `total`. */
export function sampleMeasuring(
  step: number,
  done: number,
  total = 20_000,
  elapsedMs = 6144,
): DashboardAction {
  return {
    type: 'measuringTrainAccuracy',
    progress: evaluationProgress({ step, done, total, elapsedMs }),
  };
}

/** A k-NN-like description: one pass in steps, no solver, nothing counted but the steps. */
export function sampleKnnInfo(): SessionInfo {
  const { evaluationsUnit: _, optimizer: __, ...rest } = sampleInfo();
  return {
    ...rest,
    classifier: 'knn',
    classifierOptions: { k: 5, weights: 'uniform' },
    optionDescriptions: [
      { name: 'k', type: 'integer', group: 'model' },
      { name: 'weights', type: 'enum', group: 'model' },
    ],
    optimizerDescription: 'k-nearest neighbours (k=5): indexing 3000 samples in 10 steps',
    unit: 'step',
  };
}

/**
 * A k-NN-like run to step `steps` of 10, steps that report nothing but themselves; with
 * `evaluating`, the held-out evaluation of step `steps` is that far along (its progress event
 * comes once the evaluation is complete).
 */
export function sampleKnnActions(steps = 10, evaluating?: number): DashboardAction[] {
  const actions: DashboardAction[] = [
    { type: 'loading', message: 'loading mnist…' },
    { type: 'started', info: sampleKnnInfo(), unit: 'step', total: 10 },
  ];
  const reported = evaluating === undefined ? steps : steps - 1;
  for (let s = 1; s <= reported; s++) {
    actions.push({ type: 'progress', point: { step: s, total: 10, elapsedMs: s * 20 } });
  }
  if (evaluating !== undefined) actions.push(sampleEvaluating(steps, evaluating));
  return actions;
}

/** The actions of a run up to `steps` steps, evaluated every `every`. */
export function sampleRunActions(
  steps: number,
  every = 10,
  info = sampleInfo(),
): DashboardAction[] {
  const actions: DashboardAction[] = [
    { type: 'loading', message: 'loading mnist…' },
    { type: 'started', info, unit: 'iteration', total: 500 },
  ];
  for (let s = 1; s <= steps; s++) {
    actions.push({
      type: 'progress',
      point: {
        step: s,
        total: 500,
        evaluations: s + Math.floor(s / 7),
        objective: 0.25 + 2 / (s + 1),
        gradientNorm: 0.5 / (s * s),
        trainAccuracy: 0.95 - 0.6 / (s + 1),
        elapsedMs: s * 80,
      },
    });
    if (s % every === 0) {
      actions.push({
        type: 'evaluated',
        summary: sampleEvaluation(s, 0.93 - 0.6 / (s + 1), 1000, info.classNames.length),
      });
    }
  }
  actions.push({ type: 'memory', sample: { numTensors: 14, rssBytes: 312 * 1024 * 1024 } });
  return actions;
}

/** A dashboard mid-run, at the given terminal size. */
export function sampleDashboardState(
  columns = 80,
  rows = 24,
  steps = 120,
  info = sampleInfo(),
): DashboardState {
  return sampleRunActions(steps, 10, info).reduce(
    dashboardReducer,
    initialDashboardState({ columns, rows }),
  );
}
