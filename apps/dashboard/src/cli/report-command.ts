import { ArtifactError, describeOptions, type PluginRegistry } from '@digitlab/core';
import type { ReportSetting } from '@digitlab/report';
import { summarizeEvaluation } from '@digitlab/session';
import { UsageError } from '../errors.js';
import { groupThousands, heldOutImages, optionSettings } from '../report/report-settings.js';
import { formatPercent } from '../view-models/format-number.js';
import { type CliIo, writeLine } from './cli-io.js';
import {
  accuracyOf,
  evaluateJsonResult,
  savedModelTestSplit,
  type TestSplitFlags,
} from './evaluate-command.js';
import { type SavedModel, withSavedModel } from './load-saved-model.js';
import { checkReportTarget } from './report-target.js';

/** Flags of `digitlab report`. */
export interface ReportFlags extends TestSplitFlags {
  readonly out: string;
}

/** Why a saved model's report has no learning curves. */
export const NO_HISTORY_REASON =
  'a saved model keeps no training history, so there are no curves to draw; `digitlab train --report DIR` writes a report with them.';

/**
 * The report of a saved model on a dataset's test split: the same files as `train --report`,
 * with `digitlab evaluate --json`'s object as result.json and no learning curves.
 */
export async function runReport(
  flags: ReportFlags,
  registry: PluginRegistry,
  io: CliIo,
): Promise<number> {
  await checkReportTarget(flags.out, '--out');
  try {
    return await withSavedModel(flags.model, registry, async (model) => {
      const { dataset, test, features } = await savedModelTestSplit(flags, model);
      const { classifier, metadata } = model;
      const probabilities = await classifier.predictProba(features);
      const predictions = await classifier.predict(features);
      const summary = summarizeEvaluation({
        step: 0,
        predictions,
        labels: test.labels,
        numClasses: metadata.numClasses,
        accuracy: accuracyOf(predictions, test.labels),
        elapsedMs: 0,
      });
      const images = heldOutImages(test);
      const { formatRenderTimes, writeReport } = await import('@digitlab/report');
      const written = await writeReport(flags.out, {
        run: { model: model.plugin, dataset },
        settings: modelSettings(flags.model, model, registry, dataset, test.numSamples),
        result: evaluateJsonResult(flags.model, model, dataset, summary),
        classNames: metadata.classNames,
        heldOut: { labels: test.labels, predictions, probabilities },
        ...(images === undefined ? {} : { images: { ...images, valueRange: [0, 255] } }),
        history: { missing: NO_HISTORY_REASON },
        imageSets: (await classifier.inspect?.()) ?? [],
      });
      writeLine(
        io.stdout,
        `report written to ${written.html} (figures drawn in ${formatRenderTimes(written)})`,
      );
      return 0;
    });
  } catch (error) {
    // A directory that is not a saved model is a mistake in the command line, like a bad flag.
    if (error instanceof ArtifactError) throw new UsageError(`--model: ${error.message}`);
    throw error;
  }
}

/** The settings table of a saved model's report: what it is, what it was trained on and how. */
function modelSettings(
  dir: string,
  model: SavedModel,
  registry: PluginRegistry,
  dataset: string,
  nTest: number,
): ReportSetting[] {
  const training = model.metadata.training ?? {};
  const text = (key: string): string | undefined => {
    const value = training[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const options =
    typeof training.options === 'object' && training.options !== null
      ? (training.options as Record<string, unknown>)
      : {};
  const descriptions = describeOptions(registry.get(model.plugin).options);
  const selector = descriptions.find((d) => d.selectsSolver === true);
  const solver = selector === undefined ? undefined : options[selector.name];
  const nTrain = text('nTrain') ?? text('numSamples');
  const trainedOn = [
    model.metadata.dataset,
    nTrain === undefined ? undefined : `${groupThousands(Number(nTrain))} images`,
    text('sampling') === undefined ? undefined : `(${text('sampling')})`,
  ].filter((s) => s !== undefined);
  const savedAccuracy = model.metadata.metrics?.trainAccuracy;
  const stop = text('stopReason');
  const steps = model.metadata.metrics?.steps;
  const rows: (ReportSetting | undefined)[] = [
    { name: 'model', value: dir },
    { name: 'evaluated on', value: `${dataset}, ${groupThousands(nTest)} images (the test split)` },
    trainedOn.length === 0 ? undefined : { name: 'trained on', value: trainedOn.join(' ') },
    { name: 'classifier', value: model.plugin },
    ...optionSettings(options, descriptions, typeof solver === 'string' ? solver : undefined),
    stop === undefined
      ? undefined
      : {
          name: 'training',
          value: `${training.converged === true ? 'converged' : `stopped (${stop})`}${steps === undefined ? '' : ` after ${steps} steps`}`,
        },
    savedAccuracy === undefined
      ? undefined
      : { name: 'train accuracy', value: `${formatPercent(savedAccuracy, 2)} (when saved)` },
  ];
  return rows.filter((r): r is ReportSetting => r !== undefined);
}
