import type { Classifier, HeldOutEvaluation, ImageSet } from '@digitlab/core';
import type { Dataset } from '@digitlab/datasets';
import { summarizeEvaluation } from './evaluation-summary.js';
import type {
  EvaluationSummary,
  FitOutcome,
  ProgressPoint,
  SessionInfo,
} from './session-events.js';
import { unitWord } from './unit-word.js';

/** A progress event as the session recorded it, with the held-out accuracy where it was evaluated. */
export interface HistoryPoint extends ProgressPoint {
  readonly testAccuracy?: number;
}

/** The held-out predictions of a snapshot, with the probabilities behind them. */
export interface HeldOutProbabilities {
  readonly step: number;
  readonly predictions: Int32Array;
  /** True labels, aligned with `predictions`. */
  readonly labels: Uint8Array;
  /** predictProba on the held-out set: numSamples × numClasses, row-major. */
  readonly probabilities: Float32Array;
}

/**
 * A session's state at one moment between steps, for a report: what a finished run hands back
 * (a `SessionResult`'s fields) plus the history, the held-out probabilities and the model's
 * images. The arrays are the session's own or fresh copies; do not modify them.
 */
export interface SessionSnapshot {
  readonly info: SessionInfo;
  /**
   * How training ended; while it runs, where it is: stop reason 'in-progress', the steps so far
   * and the latest progress point's quantities.
   */
  readonly outcome: FitOutcome;
  /** Whether the fit has ended (finished, converged or cancelled). */
  readonly finished: boolean;
  /** The held-out evaluation of the current parameters. */
  readonly evaluation: EvaluationSummary;
  readonly heldOut: HeldOutProbabilities;
  /** Every progress event so far, in order. */
  readonly history: readonly HistoryPoint[];
  /** `Classifier.inspect()` of the current parameters; empty when it has none. */
  readonly imageSets: readonly ImageSet[];
  readonly train: Dataset;
  readonly test: Dataset;
  /** Where the session last saved the model, if it did. */
  readonly savedTo?: string;
}

/** The main file of a written report, and anything worth a line (e.g. the figures' render times). */
export interface ReportWritten {
  readonly path: string;
  readonly note?: string;
}

/**
 * Writes a report of `snapshot` into `dir`. The app supplies it: the session knows when a report
 * can be taken (between steps, with consistent parameters), not what goes into one.
 */
export type ReportWriter = (snapshot: SessionSnapshot, dir: string) => Promise<ReportWritten>;

/** What the session knows when it is asked for a snapshot. */
export interface SnapshotSources {
  readonly classifier: Classifier;
  readonly info: SessionInfo;
  readonly train: Dataset;
  readonly test: Dataset;
  readonly history: readonly HistoryPoint[];
  /** The latest held-out evaluation, if any. */
  readonly latest?: HeldOutEvaluation;
  /** The final outcome, once the fit has ended. */
  readonly outcome?: FitOutcome;
  readonly savedTo?: string;
}

/**
 * Take a snapshot of the classifier's current parameters: the held-out probabilities, the
 * predictions (the latest evaluation's when it is of these parameters, made now otherwise) and
 * the model's images. Call it only between steps.
 */
export async function takeSnapshot(sources: SnapshotSources): Promise<SessionSnapshot> {
  const { classifier, info, test, history, latest, outcome } = sources;
  if (!classifier.fitted) {
    throw new Error('nothing to report yet: training has not finished its first step');
  }
  const last = history.at(-1);
  const step = outcome?.steps ?? last?.step ?? 0;
  const probabilities = await classifier.predictProba(test.features);
  const predictions =
    latest !== undefined && latest.step === step
      ? latest.predictions
      : await classifier.predict(test.features);
  const evaluation =
    latest !== undefined && latest.step === step
      ? summarizeEvaluation(latest)
      : summarizeEvaluation({
          step,
          predictions,
          labels: test.labels,
          numClasses: test.numClasses,
          accuracy: accuracyOf(predictions, test.labels),
          elapsedMs: 0,
        });
  const imageSets = (await classifier.inspect?.()) ?? [];
  return {
    info,
    outcome: outcome ?? inProgress(info, last, evaluation.accuracy),
    finished: outcome !== undefined,
    evaluation,
    heldOut: { step, predictions, labels: test.labels, probabilities },
    history,
    imageSets,
    train: sources.train,
    test,
    ...(sources.savedTo === undefined ? {} : { savedTo: sources.savedTo }),
  };
}

/** Where a running fit is, in the shape of a finished one's outcome. */
function inProgress(
  info: SessionInfo,
  last: HistoryPoint | undefined,
  testAccuracy: number,
): FitOutcome {
  const steps = last?.step ?? 0;
  const of = last?.total === undefined ? '' : ` of ${last.total}`;
  return {
    stopReason: 'in-progress',
    converged: false,
    message: `in progress: ${steps}${of} ${unitWord(info.unit, steps)} so far`,
    steps,
    fitSeconds: (last?.elapsedMs ?? 0) / 1000,
    testAccuracy,
    ...(last?.evaluations === undefined ? {} : { evaluations: last.evaluations }),
    ...(last?.objective === undefined ? {} : { objective: last.objective }),
    ...(last?.trainAccuracy === undefined ? {} : { trainAccuracy: last.trainAccuracy }),
  };
}

function accuracyOf(predictions: Int32Array, labels: Uint8Array): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return labels.length === 0 ? 0 : correct / labels.length;
}
