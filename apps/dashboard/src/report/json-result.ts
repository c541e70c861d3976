import type { ProgressUnit } from '@digitlab/core';
import type { SessionResult } from '@digitlab/session';

/** The one object `train --json` prints on stdout: snake_case, like scikit-learn's attributes. */
export interface TrainJsonResult {
  readonly dataset: string;
  readonly n_train: number;
  readonly n_test: number;
  readonly classifier: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly optimizer: string | null;
  readonly backend: string;
  /** Why the backend differs from the one asked for; absent when it does not. */
  readonly backend_note?: string;
  /** Backend fallbacks and other things the plugin wanted the user to know. */
  readonly notes: readonly string[];
  /** Steps of training, whatever the plugin's unit: see `unit`. */
  readonly iterations: number;
  /** What `iterations` counts: iteration, epoch or step (the plugin's start event). */
  readonly unit: ProgressUnit;
  readonly evaluations: number | null;
  /** What `evaluations` counts, in the plugin's words ('f-evals', 'batches'); null when unnamed. */
  readonly evaluations_unit: string | null;
  readonly fit_seconds: number;
  readonly objective: number | null;
  readonly train_accuracy: number | null;
  readonly test_accuracy: number | null;
  readonly stop_reason: string;
  readonly converged: boolean;
  readonly message: string;
  readonly warning: string | null;
  readonly class_names: readonly string[];
  /** Counts, rows = true class. */
  readonly confusion_matrix: number[][];
  readonly per_class: {
    readonly class: string;
    readonly precision: number;
    readonly recall: number;
    readonly f1: number;
    readonly support: number;
  }[];
  readonly saved_to: string | null;
}

/** Build the JSON result of a finished training session. */
export function trainJsonResult(result: SessionResult, savedTo?: string): TrainJsonResult {
  const { info, outcome, evaluation } = result;
  const k = info.classNames.length;
  const matrix: number[][] = [];
  if (evaluation) {
    for (let i = 0; i < k; i++)
      matrix.push(Array.from(evaluation.counts.subarray(i * k, (i + 1) * k)));
  }
  return {
    dataset: info.dataset,
    n_train: info.nTrain,
    n_test: info.nTest,
    classifier: info.classifier,
    options: info.classifierOptions,
    optimizer: info.optimizer ?? null,
    backend: info.backend,
    ...(info.backendNote === undefined ? {} : { backend_note: info.backendNote }),
    notes: [info.backendNote, ...info.notes].filter((n): n is string => !!n),
    iterations: outcome.steps,
    unit: info.unit,
    evaluations: outcome.evaluations ?? null,
    evaluations_unit: info.evaluationsUnit ?? null,
    fit_seconds: outcome.fitSeconds,
    objective: finiteOrNull(outcome.objective),
    train_accuracy: finiteOrNull(outcome.trainAccuracy),
    test_accuracy: finiteOrNull(evaluation?.accuracy),
    stop_reason: outcome.stopReason,
    converged: outcome.converged,
    message: outcome.message,
    warning: outcome.warning ?? null,
    class_names: info.classNames,
    confusion_matrix: matrix,
    per_class: (evaluation?.perClass ?? []).map((s, c) => ({
      class: info.classNames[c] ?? String(c),
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      support: s.support,
    })),
    saved_to: savedTo ?? null,
  };
}

function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}
