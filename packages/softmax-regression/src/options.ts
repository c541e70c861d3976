import {
  countOption,
  momentumOption,
  seedOption,
  trainAccuracyEveryOption,
  warmStartOption,
} from '@digitlab/core';
import { LAYOUT_CHOICES, type LayoutChoice } from '@digitlab/kernels';
import { type BackendChoice, backendOption } from '@digitlab/tfjs-backend/browser';
import { z } from 'zod';

/** The solvers softmax regression can train with. */
export const SOLVERS = ['lbfgs', 'sgd', 'adam'] as const;
/** `lbfgs` is full-batch (scikit-learn's default); `sgd` and `adam` use mini-batches. */
export type Solver = (typeof SOLVERS)[number];

/**
 * How sgd and adam change their learning rate over a run: `cosine` and `linear` lower it at every
 * step from `learningRate` to 0 at the end of the last epoch, `constant` keeps it.
 */
export const SCHEDULES = ['cosine', 'linear', 'constant'] as const;
/** A learning-rate schedule of sgd/adam, by name. */
export type ScheduleName = (typeof SCHEDULES)[number];

/**
 * The learning rate each mini-batch solver takes when `learningRate` is not given: the two differ
 * by an order of magnitude (Adam moves each coordinate by about lr per step, SGD by lr·g/(1 −
 * momentum)). Chosen on full MNIST with the default cosine schedule, 500-sample batches and 4
 * epochs over shuffling seeds 0–2 (README, "Mini-batch defaults"): both end above 0.92 test
 * accuracy for every seed, inside a range of rates that all do.
 */
export const DEFAULT_LEARNING_RATES = { sgd: 0.5, adam: 0.05 } as const satisfies Record<
  Exclude<Solver, 'lbfgs'>,
  number
>;

/** The most gradient workers the Node entry starts. */
export const MAX_WORKERS = 64;

/**
 * Built-in defaults: scikit-learn's LogisticRegression where it has the option. Training stays on
 * the calling thread; the Node entry (`/node`) defaults to one gradient worker per core.
 */
export const DEFAULT_OPTIONS = {
  C: 1,
  solver: 'lbfgs',
  maxIter: 100,
  tol: 1e-4,
  m: 10,
  batchSize: 500,
  epochs: 4,
  schedule: 'cosine',
  momentum: 0.9,
  seed: 0,
  backend: 'auto',
  layout: 'auto',
  workers: 0,
  warmStart: false,
  trainAccuracyEvery: 1,
} as const satisfies SoftmaxRegressionOptions;

/** Validated options of a softmax-regression classifier. */
export type SoftmaxRegressionOptions = {
  readonly C: number;
  readonly solver: Solver;
  readonly maxIter: number;
  readonly tol: number;
  readonly m: number;
  /** Unset: the solver's own default (DEFAULT_LEARNING_RATES). */
  readonly learningRate?: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly schedule: ScheduleName;
  readonly momentum: number;
  readonly seed: number;
  readonly backend: BackendChoice;
  readonly layout: LayoutChoice;
  readonly workers: number;
  readonly warmStart: boolean;
  readonly trainAccuracyEvery: number;
};

/** An optional number, or one with a default when `value` is given. */
function withDefault(schema: z.ZodNumber, value: number | undefined) {
  return value === undefined ? schema.optional() : schema.default(value);
}

/**
 * The zod schema of the options, with `defaults` replacing the built-in defaults. `maxWorkers` is
 * 0 where no worker threads exist: asking for some there names the entry that has them.
 */
export function softmaxRegressionOptionsSchema(
  defaults: Partial<SoftmaxRegressionOptions> = {},
  maxWorkers = 0,
) {
  const d = { ...DEFAULT_OPTIONS, ...defaults };
  return z.strictObject({
    C: z
      .number()
      .positive()
      .finite()
      .default(d.C)
      .describe('Inverse regularization strength: the penalty is ‖W‖²/(2·C·n) (scikit-learn C)')
      .meta({ group: 'model' }),
    solver: z
      .enum(SOLVERS)
      .default(d.solver)
      .describe('lbfgs (full batch, scikit-learn default), sgd (momentum) or adam (mini-batch)')
      .meta({ group: 'solver', selectsSolver: true }),
    maxIter: countOption(d.maxIter, 'Most L-BFGS iterations (scikit-learn max_iter)', {
      group: 'solver',
      solvers: ['lbfgs'],
    }),
    tol: z
      .number()
      .min(0)
      .finite()
      .default(d.tol)
      .describe(
        'L-BFGS stops when max |gradient| ≤ tol (scikit-learn tol, scipy gtol; 0 never stops on it)',
      )
      .meta({ group: 'solver', solvers: ['lbfgs'] }),
    m: countOption(d.m, 'L-BFGS history size (correction pairs kept)', {
      group: 'solver',
      solvers: ['lbfgs'],
    }),
    learningRate: withDefault(z.number().positive().finite(), d.learningRate)
      .describe(
        `sgd/adam initial step size (unset: ${DEFAULT_LEARNING_RATES.sgd} for sgd, ${DEFAULT_LEARNING_RATES.adam} for adam)`,
      )
      .meta({ group: 'solver', solvers: ['sgd', 'adam'] }),
    batchSize: countOption(d.batchSize, 'sgd/adam samples per step', {
      group: 'solver',
      solvers: ['sgd', 'adam'],
    }),
    epochs: countOption(d.epochs, 'sgd/adam passes over the data', {
      group: 'solver',
      solvers: ['sgd', 'adam'],
    }),
    schedule: z
      .enum(SCHEDULES)
      .default(d.schedule)
      .describe(
        'sgd/adam learning rate over the run: cosine (from learningRate down to 0 at the last step, lowered every step), linear (the same in a straight line) or constant',
      )
      .meta({ group: 'solver', solvers: ['sgd', 'adam'] }),
    momentum: momentumOption(d.momentum),
    seed: seedOption(d.seed, 'sgd/adam mini-batch shuffling seed', {
      group: 'solver',
      solvers: ['sgd', 'adam'],
      header: false,
    }),
    backend: backendOption(
      d.backend,
      'TensorFlow.js backend for dense data and prediction: auto (Node: wasm if it starts, else cpu; a browser: the active one, else cpu), wasm (fast) or cpu (reference)',
    ),
    layout: z
      .enum(LAYOUT_CHOICES)
      .default(d.layout)
      .describe(
        'Training data layout: auto (sparse unless the data is mostly nonzero on wasm), sparse (compressed rows, WebAssembly SIMD kernel) or dense (tensors on the backend)',
      )
      .meta({ group: 'runtime' }),
    workers: z
      .number()
      .int()
      .min(0)
      .max(
        maxWorkers,
        maxWorkers === 0
          ? "worker threads need Node: import softmaxRegression from '@digitlab/softmax-regression/node' (this entry trains on the calling thread)"
          : undefined,
      )
      .default(d.workers)
      .describe(
        'Worker threads for lbfgs full-batch gradients, each holding a shard of the data (0 = this thread; Node entry only, where the default is one per core)',
      )
      .meta({ group: 'runtime', solvers: ['lbfgs'] }),
    warmStart: warmStartOption(
      d.warmStart,
      'Continue from the current (fitted or loaded) parameters instead of zeros',
    ),
    trainAccuracyEvery: trainAccuracyEveryOption(
      d.trainAccuracyEvery,
      'Report training accuracy every this many steps (0 = never)',
    ),
  });
}
