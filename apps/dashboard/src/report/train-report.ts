import type { ReportInput, ReportSetting } from '@digitlab/report';
import { type ReportWriter, type SessionSnapshot, unitWord } from '@digitlab/session';
import { formatPercent } from '../view-models/format-number.js';
import { scheduleText } from '../view-models/schedule-text.js';
import { outcomeLine } from './final-report.js';
import { trainJsonResult } from './json-result.js';
import { groupThousands, heldOutImages, optionSettings } from './report-settings.js';

/**
 * The session's report writer: the run's settings, the `--json` result, the history, the figures.
 * @digitlab/report (vega, resvg) is imported on the first report, not when the CLI starts.
 */
export const writeTrainReport: ReportWriter = async (snapshot, dir) => {
  const { formatRenderTimes, writeReport } = await import('@digitlab/report');
  const written = await writeReport(dir, trainReportInput(snapshot));
  return { path: written.html, note: `figures drawn in ${formatRenderTimes(written)}` };
};

/** What a report of a training session shows, from a snapshot of it. */
export function trainReportInput(snapshot: SessionSnapshot): ReportInput {
  const { info, outcome, test, heldOut } = snapshot;
  const images = heldOutImages(test);
  return {
    run: { model: info.classifier, dataset: info.dataset },
    settings: trainSettings(snapshot),
    result: trainJsonResult(snapshot, snapshot.savedTo),
    classNames: info.classNames,
    heldOut: {
      labels: heldOut.labels,
      predictions: heldOut.predictions,
      probabilities: heldOut.probabilities,
    },
    ...(images === undefined ? {} : { images }),
    history: {
      unit: info.unit,
      points: snapshot.history,
      ...(snapshot.finished
        ? { stop: { step: outcome.steps, reason: outcome.stopReason, message: outcome.message } }
        : {}),
    },
    imageSets: snapshot.imageSets,
    // The outcome's warning is in the settings' training row already.
    notes: [info.backendNote, ...info.notes].filter((n): n is string => !!n),
  };
}

function trainSettings(snapshot: SessionSnapshot): ReportSetting[] {
  const { info, outcome, heldOut } = snapshot;
  const at = `${heldOut.step} ${unitWord(info.unit, heldOut.step)}`;
  const options = info.classifierOptions;
  const rows: (ReportSetting | undefined)[] = [
    { name: 'dataset', value: info.dataset },
    {
      name: 'training set',
      value: `${groupThousands(info.nTrain)} images (${info.sampling}), ${info.numFeatures} features`,
    },
    {
      name: 'test set',
      value: `${groupThousands(info.nTest)} images (the test split), evaluated ${scheduleText(info.evalEvery, info.unit)}`,
    },
    { name: 'classifier', value: info.classifier },
    ...optionSettings(options, info.optionDescriptions, info.optimizer),
    info.optimizerDescription === ''
      ? undefined
      : { name: 'optimizer', value: info.optimizerDescription },
    // A plugin with a backend or a seed option has its row above.
    'backend' in options ? undefined : { name: 'backend', value: info.backend },
    'seed' in options ? undefined : { name: 'seed', value: String(info.seed) },
    {
      name: 'training',
      value: snapshot.finished
        ? outcomeLine(outcome, info.unit, info.evaluationsUnit)
        : `${outcome.message} (still training)`,
    },
    outcome.trainAccuracy === undefined
      ? undefined
      : { name: 'train accuracy', value: formatPercent(outcome.trainAccuracy, 2) },
    { name: 'test accuracy', value: `${formatPercent(snapshot.evaluation.accuracy, 2)} at ${at}` },
    snapshot.savedTo === undefined
      ? undefined
      : { name: 'model saved to', value: snapshot.savedTo },
  ];
  return rows.filter((r): r is ReportSetting => r !== undefined);
}
