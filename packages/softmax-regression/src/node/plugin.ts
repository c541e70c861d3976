import { defineClassifier } from '@digitlab/core';
import { resolveBackend, useBackend } from '@digitlab/tfjs-backend';
import {
  DEFAULT_OPTIONS as IN_THREAD_DEFAULTS,
  MAX_WORKERS,
  type SoftmaxRegressionOptions,
  softmaxRegressionOptionsSchema,
} from '../options.js';
import { defaultWorkerCount, startGradientWorkers } from '../parallel/parallel-objective.js';
import type { SoftmaxRegressionPlugin } from '../plugin.js';
import { softmaxRegressionDefinition } from '../softmax-regression-definition.js';

/** Built-in defaults under Node: the main entry's, with one gradient worker per core. */
export const DEFAULT_OPTIONS = {
  ...IN_THREAD_DEFAULTS,
  workers: defaultWorkerCount(),
} as const satisfies SoftmaxRegressionOptions;

/**
 * The softmax-regression plugin for Node: `auto` takes the wasm backend when it starts (else cpu,
 * with a note), and L-BFGS's full-batch gradients run in `workers` worker threads.
 */
export const softmaxRegression: (
  defaults?: Partial<SoftmaxRegressionOptions>,
) => SoftmaxRegressionPlugin = defineClassifier(
  softmaxRegressionDefinition(
    { resolveBackend, useBackend, startWorkers: startGradientWorkers },
    softmaxRegressionOptionsSchema({ workers: DEFAULT_OPTIONS.workers }, MAX_WORKERS),
  ),
);
