import type { PluginRegistry } from '@digitlab/core';
import type { Dataset } from '@digitlab/datasets';
import {
  applyPreprocessing,
  KNOWN_DATASETS,
  type KnownDatasetName,
  loadDataset,
} from '@digitlab/datasets/node';
import { type ClassScores, type EvaluationSummary, summarizeEvaluation } from '@digitlab/session';
import { UsageError } from '../errors.js';
import { evaluationReport } from '../report/final-report.js';
import { type CliIo, writeLine } from './cli-io.js';
import { savedModelInterruption } from './interrupted-run.js';
import { type SavedModel, withSavedModel } from './load-saved-model.js';

/** Flags of `digitlab evaluate`. */
export interface EvaluateFlags extends TestSplitFlags {
  readonly json?: boolean;
}

/** The dataset flags of the commands that run a saved model on a test split. */
export interface TestSplitFlags {
  readonly model: string;
  readonly dataset?: KnownDatasetName;
  readonly dataDir?: string;
  readonly url?: string;
}

/** A dataset's test split as a saved model sees it. */
export interface SavedModelTestSplit {
  readonly dataset: KnownDatasetName;
  /** Raw pixels, as loaded. */
  readonly test: Dataset;
  /** The same images through the model's own saved preprocessing. */
  readonly features: Float32Array;
}

/** The `--json` object of `digitlab evaluate` (and a model report's result.json). */
export interface EvaluateJsonResult {
  readonly model: string;
  readonly classifier: string;
  readonly dataset: string;
  readonly n_test: number;
  readonly accuracy: number;
  /** The model was saved from an interrupted run (not trained to the end). */
  readonly interrupted: boolean;
  readonly confusion_matrix: number[][];
  readonly per_class: ({ readonly class: string } & ClassScores)[];
}

/** Metrics and the confusion matrix of a saved model on a dataset's test split. */
export function runEvaluate(
  flags: EvaluateFlags,
  registry: PluginRegistry,
  io: CliIo,
): Promise<number> {
  return withSavedModel(flags.model, registry, async (model) => {
    const { dataset, test, features } = await savedModelTestSplit(flags, model);
    const predictions = await model.classifier.predict(features);
    const summary = summarizeEvaluation({
      step: 0,
      predictions,
      labels: test.labels,
      numClasses: model.metadata.numClasses,
      accuracy: accuracyOf(predictions, test.labels),
      elapsedMs: 0,
    });
    if (flags.json) {
      writeLine(
        io.stdout,
        JSON.stringify(evaluateJsonResult(flags.model, model, dataset, summary)),
      );
    } else {
      writeLine(
        io.stdout,
        `model ${flags.model} (${model.plugin}) on ${dataset} test split, ${summary.total} images`,
      );
      const interruption = savedModelInterruption(model.metadata);
      if (interruption !== undefined) writeLine(io.stdout, `note: the model was ${interruption}`);
      writeLine(io.stdout, evaluationReport(summary, model.metadata.classNames));
    }
    return 0;
  });
}

/**
 * Load the test split a saved model is run on: `--dataset`, else the dataset it was trained on
 * when that is a known one, else MNIST. Raw pixels, so the model's own saved preprocessing is what
 * turns them into features; a split of another shape is a usage error.
 */
export async function savedModelTestSplit(
  flags: TestSplitFlags,
  model: SavedModel,
): Promise<SavedModelTestSplit> {
  const saved = model.metadata.dataset;
  const dataset =
    flags.dataset ??
    ((KNOWN_DATASETS as readonly string[]).includes(saved ?? '')
      ? (saved as KnownDatasetName)
      : 'mnist');
  const { test } = await loadDataset({
    dataset,
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    ...(flags.url === undefined ? {} : { url: flags.url }),
    scale: false,
  });
  const meta = model.metadata;
  if (test.numFeatures !== meta.numFeatures || test.numClasses !== meta.numClasses) {
    throw new UsageError(
      `${flags.model}: the model expects ${meta.numFeatures} features and ${meta.numClasses} classes, found ${test.numFeatures} and ${test.numClasses} in ${dataset}'s test split`,
    );
  }
  return {
    dataset,
    test,
    features: applyPreprocessing(test.features, test.numFeatures, model.preprocessing),
  };
}

/** The `--json` object of `digitlab evaluate`: snake_case, counts as rows of the true class. */
export function evaluateJsonResult(
  modelDir: string,
  model: SavedModel,
  dataset: string,
  summary: EvaluationSummary,
): EvaluateJsonResult {
  const k = model.metadata.numClasses;
  const classNames = model.metadata.classNames;
  return {
    model: modelDir,
    classifier: model.plugin,
    dataset,
    n_test: summary.total,
    accuracy: summary.accuracy,
    interrupted: savedModelInterruption(model.metadata) !== undefined,
    confusion_matrix: Array.from({ length: k }, (_, i) =>
      Array.from(summary.counts.subarray(i * k, (i + 1) * k)),
    ),
    per_class: summary.perClass.map((s, c) => ({ class: classNames[c] ?? String(c), ...s })),
  };
}

/** The share of `predictions` equal to `labels`. */
export function accuracyOf(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / Math.max(1, predictions.length);
}
