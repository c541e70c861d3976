import type { Classifier } from '@digitlab/core';
import type { TrialEvent } from './trial-runner.js';

/** The cross-validated score of one setting. */
export interface SettingScore {
  readonly params: Readonly<Record<string, unknown>>;
  /** Mean of the fold scores (accuracy). */
  readonly meanScore: number;
  /** Their population standard deviation (numpy's default, as scikit-learn's std_test_score). */
  readonly stdScore: number;
  /** One accuracy per fold, in fold order. */
  readonly foldScores: readonly number[];
  /** Fit time of this setting summed over its folds (the fits, not data copies or scoring). */
  readonly fitSeconds: number;
}

/** The best setting refitted on all the training data. */
export interface Refit {
  readonly params: Readonly<Record<string, unknown>>;
  readonly fitSeconds: number;
  readonly converged: boolean;
  /** Accuracy on the test data, when some was given. */
  readonly testAccuracy?: number;
  /** The refitted classifier: the caller's to use and dispose. */
  readonly classifier: Classifier;
}

/** What a tuning run found. */
export interface TuningResult {
  /** 'completed', or 'aborted' when the signal fired (settings then hold those that finished). */
  readonly stopReason: 'completed' | 'aborted';
  /** Every setting in grid order (all of them when completed). */
  readonly settings: readonly SettingScore[];
  /** The highest mean score, the first in grid order on ties; undefined if none finished. */
  readonly best?: SettingScore;
  readonly refit?: Refit;
  readonly wallSeconds: number;
}

/** How the run is laid out, sent first. */
export interface TuningStarted {
  readonly type: 'started';
  readonly plugin: string;
  /** Each setting's swept values, in grid order (the rows of a results table). */
  readonly settings: readonly Readonly<Record<string, unknown>>[];
  readonly folds: number;
  readonly numSamples: number;
  readonly tasks: number;
  /** Tasks run at once (worker threads, or 1 in this thread). */
  readonly concurrency: number;
  /** The option warm starts walk along (per fold), when the plugin supports them. */
  readonly pathOption?: string;
  /** Options every trial gets so trials running side by side use one core each (e.g. workers: 0). */
  readonly trialOptions: Readonly<Record<string, unknown>>;
}

/** A setting whose every fold has been scored. */
export interface SettingScored {
  readonly type: 'setting-scored';
  readonly setting: number;
  readonly score: SettingScore;
  /** The best setting among those scored so far. */
  readonly best: number;
}

/** Events of a tuning run, in order: started, trials and settings as they finish, the refit, finished. */
export type TuningEvent =
  | TuningStarted
  | TrialEvent
  | SettingScored
  | { readonly type: 'refit-started'; readonly params: Readonly<Record<string, unknown>> }
  | {
      readonly type: 'refit-finished';
      readonly fitSeconds: number;
      readonly converged: boolean;
      readonly testAccuracy?: number;
    }
  | { readonly type: 'finished'; readonly result: TuningResult };
