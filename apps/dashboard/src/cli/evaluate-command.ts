import type { PluginRegistry } from '@digitlab/core';
import {
  applyPreprocessing,
  KNOWN_DATASETS,
  type KnownDatasetName,
  loadDataset,
} from '@digitlab/datasets/node';
import { summarizeEvaluation } from '@digitlab/session';
import { UsageError } from '../errors.js';
import { evaluationReport } from '../report/final-report.js';
import { type CliIo, writeLine } from './cli-io.js';
import { withSavedModel } from './load-saved-model.js';

/** Flags of `digitlab evaluate`. */
export interface EvaluateFlags {
  readonly model: string;
  readonly dataset?: KnownDatasetName;
  readonly dataDir?: string;
  readonly url?: string;
  readonly json?: boolean;
}

/** Metrics and the confusion matrix of a saved model on a dataset's test split. */
export function runEvaluate(
  flags: EvaluateFlags,
  registry: PluginRegistry,
  io: CliIo,
): Promise<number> {
  return withSavedModel(flags.model, registry, async (model) => {
    const saved = model.metadata.dataset;
    const dataset =
      flags.dataset ??
      ((KNOWN_DATASETS as readonly string[]).includes(saved ?? '')
        ? (saved as KnownDatasetName)
        : 'mnist');
    // Raw pixels, so the model's own saved preprocessing is what turns them into features.
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
    const features = applyPreprocessing(test.features, test.numFeatures, model.preprocessing);
    const predictions = await model.classifier.predict(features);
    let correct = 0;
    for (let i = 0; i < predictions.length; i++) if (predictions[i] === test.labels[i]) correct++;
    const summary = summarizeEvaluation({
      step: 0,
      predictions,
      labels: test.labels,
      numClasses: meta.numClasses,
      accuracy: correct / Math.max(1, predictions.length),
      elapsedMs: 0,
    });
    const classNames = meta.classNames;
    if (flags.json) {
      const k = meta.numClasses;
      writeLine(
        io.stdout,
        JSON.stringify({
          model: flags.model,
          classifier: model.plugin,
          dataset,
          n_test: summary.total,
          accuracy: summary.accuracy,
          confusion_matrix: Array.from({ length: k }, (_, i) =>
            Array.from(summary.counts.subarray(i * k, (i + 1) * k)),
          ),
          per_class: summary.perClass.map((s, c) => ({
            class: classNames[c] ?? String(c),
            ...s,
          })),
        }),
      );
    } else {
      writeLine(
        io.stdout,
        `model ${flags.model} (${model.plugin}) on ${dataset} test split, ${summary.total} images`,
      );
      writeLine(io.stdout, evaluationReport(summary, classNames));
    }
    return 0;
  });
}
