import type { TuningResult } from '@digitlab/tuning';

/** The one object `digitlab tune --json` prints, snake_case as `train --json`'s. */
export interface TuneJson {
  readonly classifier: string;
  readonly dataset: string;
  readonly n_train: number;
  readonly folds: number;
  readonly stop_reason: TuningResult['stopReason'];
  readonly settings: readonly {
    readonly params: Readonly<Record<string, unknown>>;
    readonly mean_score: number;
    readonly std_score: number;
    readonly fold_scores: readonly number[];
    readonly fit_seconds: number;
  }[];
  readonly best: {
    readonly params: Readonly<Record<string, unknown>>;
    readonly mean_score: number;
  } | null;
  readonly test_accuracy: number | null;
  readonly wall_seconds: number;
}

/** A tuning result as `--json` prints it and `--report` saves it. */
export function tuneJsonResult(
  result: TuningResult,
  run: {
    readonly classifier: string;
    readonly dataset: string;
    readonly numTrain: number;
    readonly folds: number;
  },
): TuneJson {
  return {
    classifier: run.classifier,
    dataset: run.dataset,
    n_train: run.numTrain,
    folds: run.folds,
    stop_reason: result.stopReason,
    settings: result.settings.map((s) => ({
      params: s.params,
      mean_score: s.meanScore,
      std_score: s.stdScore,
      fold_scores: s.foldScores,
      fit_seconds: s.fitSeconds,
    })),
    best: result.best ? { params: result.best.params, mean_score: result.best.meanScore } : null,
    test_accuracy: result.refit?.testAccuracy ?? null,
    wall_seconds: result.wallSeconds,
  };
}
