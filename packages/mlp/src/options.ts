import {
  countOption,
  momentumOption,
  seedOption,
  trainAccuracyEveryOption,
  warmStartOption,
} from '@digitlab/core';
import { LAYOUT_CHOICES, type LayoutChoice } from '@digitlab/kernels';
import { type BackendChoice, backendOption } from '@digitlab/tfjs-backend';
import { z } from 'zod';
import { defaultPartWorkers, MAX_PART_WORKERS } from './parallel/part-worker-count.js';

/** The solvers an MLP can train with. */
export const SOLVERS = ['adam', 'sgd', 'lbfgs'] as const;
/** `adam` and `sgd` use mini-batches; `lbfgs` is full-batch. */
export type Solver = (typeof SOLVERS)[number];

/** Validated options of an MLP classifier. */
export type MlpOptions = {
  readonly hiddenUnits: number;
  readonly alpha: number;
  readonly solver: Solver;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  readonly maxIter: number;
  readonly tol: number;
  readonly nIterNoChange: number;
  readonly seed: number;
  readonly backend: BackendChoice;
  readonly layout: LayoutChoice;
  readonly warmStart: boolean;
  readonly trainAccuracyEvery: number;
  readonly workers: number;
};

/**
 * Built-in defaults: scikit-learn's MLPClassifier where it has the option (alpha, adam, learning
 * rate, batch size, momentum, Nesterov, tol, n_iter_no_change), with 128 hidden units and a
 * number of epochs that reaches ≥ 0.97 test accuracy on MNIST (see README).
 */
export const DEFAULT_OPTIONS = {
  hiddenUnits: 128,
  alpha: 1e-4,
  solver: 'adam',
  learningRate: 1e-3,
  batchSize: 200,
  epochs: 10,
  momentum: 0.9,
  nesterov: true,
  maxIter: 200,
  tol: 1e-4,
  nIterNoChange: 10,
  seed: 0,
  backend: 'auto',
  layout: 'auto',
  warmStart: false,
  trainAccuracyEvery: 1,
  workers: defaultPartWorkers(),
} as const satisfies MlpOptions;

/** The zod schema of the options, with `defaults` replacing the built-in defaults. */
export function mlpOptionsSchema(defaults: Partial<MlpOptions> = {}) {
  const d = { ...DEFAULT_OPTIONS, ...defaults };
  return z.strictObject({
    hiddenUnits: z
      .number()
      .int()
      .min(1)
      .max(65_536)
      .default(d.hiddenUnits)
      .describe('Units in the hidden ReLU layer (scikit-learn hidden_layer_sizes=(h,))')
      .meta({ group: 'model' }),
    alpha: z
      .number()
      .min(0)
      .finite()
      .default(d.alpha)
      .describe(
        'L2 strength: the loss is mean cross-entropy + alpha/(2·n_batch)·(‖W1‖² + ‖W2‖²), biases unpenalized (scikit-learn alpha)',
      )
      .meta({ group: 'model' }),
    solver: z
      .enum(SOLVERS)
      .default(d.solver)
      .describe('adam (mini-batch, default), sgd (mini-batch, momentum) or lbfgs (full batch)')
      .meta({ group: 'solver', selectsSolver: true }),
    learningRate: z
      .number()
      .positive()
      .finite()
      .default(d.learningRate)
      .describe('adam/sgd step size (scikit-learn learning_rate_init)')
      .meta({ group: 'solver', solvers: ['adam', 'sgd'] }),
    batchSize: countOption(
      d.batchSize,
      'adam/sgd samples per step, at most the training-set size',
      { group: 'solver', solvers: ['adam', 'sgd'] },
    ),
    epochs: countOption(
      d.epochs,
      'adam/sgd passes over the training data (scikit-learn max_iter)',
      { group: 'solver', solvers: ['adam', 'sgd'] },
    ),
    momentum: momentumOption(d.momentum),
    nesterov: z
      .boolean()
      .default(d.nesterov)
      .describe('sgd: Nesterov momentum (scikit-learn nesterovs_momentum; ignored at momentum 0)')
      .meta({ group: 'solver', solvers: ['sgd'] }),
    maxIter: countOption(d.maxIter, 'Most lbfgs iterations (scikit-learn max_iter)', {
      group: 'solver',
      solvers: ['lbfgs'],
    }),
    tol: z
      .number()
      .min(0)
      .finite()
      .default(d.tol)
      .describe(
        'lbfgs stops when max |gradient| ≤ tol; adam/sgd when the epoch loss fails to drop by tol for more than nIterNoChange epochs (0, as in scikit-learn: only a loss above the best so far counts against it)',
      )
      .meta({ group: 'solver' }),
    nIterNoChange: countOption(
      d.nIterNoChange,
      'adam/sgd: epochs without a tol improvement of the loss before stopping',
      { group: 'solver', solvers: ['adam', 'sgd'] },
    ),
    seed: seedOption(
      d.seed,
      'Seed of the weight initialization and the mini-batch shuffles (random_state)',
      { header: false },
    ),
    backend: backendOption(d.backend),
    layout: z
      .enum(LAYOUT_CHOICES)
      .default(d.layout)
      .describe(
        'Training data layout: auto (sparse unless the data is mostly nonzero), sparse (compressed rows, WebAssembly SIMD kernel) or dense (tensors on the backend)',
      )
      .meta({ header: false }),
    warmStart: warmStartOption(
      d.warmStart,
      'Continue from the current (fitted or loaded) weights instead of a new random init',
    ),
    workers: z
      .number()
      .int()
      .min(0)
      .max(MAX_PART_WORKERS)
      .default(d.workers)
      .describe(
        'adam on sparse rows: worker threads that each train a share of the hidden units beside the main thread (default: one per core beyond the first; 0 = main thread only)',
      )
      .meta({ group: 'solver', solvers: ['adam'], header: false }),
    trainAccuracyEvery: trainAccuracyEveryOption(
      d.trainAccuracyEvery,
      "lbfgs: report the training accuracy its full-batch pass counts every this many iterations (0 = never); adam/sgd report none themselves, the fit's trainAccuracy option measures it off the fit clock",
    ),
  });
}
