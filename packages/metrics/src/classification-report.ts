import type { ConfusionMatrix } from './confusion-matrix.js';
import { MetricsError } from './metrics-error.js';
import {
  type AveragedScores,
  type PrecisionRecallFscoreOptions,
  scoresFromCounts,
} from './precision-recall-fscore-support.js';
import { type ConfusionArgs, resolveConfusion } from './resolve-confusion.js';
import type { Labels } from './types.js';
import { checkArrayLike, checkIntegerOption } from './validate.js';
import type { ZeroDivisionWarning } from './zero-division.js';

/** Options for `classificationReport`. */
export interface ClassificationReportOptions extends PrecisionRecallFscoreOptions {
  /** One display name per class, in label order; default the label numbers ('0', '1', …). */
  readonly classNames?: readonly string[];
  /** Decimal places used by `formatClassificationReport`; default 2, at most 20. */
  readonly digits?: number;
}

/** One class's row of the report. */
export interface ClassReportRow {
  readonly classIndex: number;
  readonly className: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

/** scikit-learn's classification report as data; `formatClassificationReport` renders it. */
export interface ClassificationReport {
  readonly perClass: readonly ClassReportRow[];
  /** Fraction correct; scikit-learn's report prints it in place of the micro average. */
  readonly accuracy: number;
  readonly macroAvg: AveragedScores;
  readonly weightedAvg: AveragedScores;
  readonly digits: number;
  readonly warnings: readonly ZeroDivisionWarning[];
}

/** Per-class precision/recall/F1/support with accuracy, macro and weighted averages. */
export function classificationReport(
  yTrue: Labels,
  yPred: Labels,
  numClasses: number,
  options?: ClassificationReportOptions,
): ClassificationReport;
/** The same report from an already computed confusion matrix. */
export function classificationReport(
  cm: ConfusionMatrix,
  options?: ClassificationReportOptions,
): ClassificationReport;
export function classificationReport(
  ...args: ConfusionArgs<ClassificationReportOptions>
): ClassificationReport {
  const fn = 'classificationReport';
  const resolved = resolveConfusion(fn, args);
  const k = resolved.numClasses;
  const opts = resolved.options;
  const digits = checkIntegerOption(fn, 'options.digits', opts.digits ?? 2, 0, 20);
  const names = checkClassNames(fn, opts.classNames, k);
  const scores = scoresFromCounts(fn, resolved.counts, k, resolved.total, opts);
  const perClass: ClassReportRow[] = [];
  for (let i = 0; i < k; i++) {
    perClass.push({
      classIndex: i,
      className: names === undefined ? String(i) : names[i]!,
      precision: scores.precision[i]!,
      recall: scores.recall[i]!,
      f1: scores.f1[i]!,
      support: scores.support[i]!,
    });
  }
  return {
    perClass,
    accuracy: scores.micro.f1,
    macroAvg: scores.macro,
    weightedAvg: scores.weighted,
    digits,
    warnings: scores.warnings,
  };
}

function checkClassNames(
  fn: string,
  classNames: unknown,
  numClasses: number,
): readonly string[] | undefined {
  if (classNames === undefined) return undefined;
  const names = checkArrayLike(fn, 'options.classNames', classNames);
  if (names.length !== numClasses) {
    throw new MetricsError({
      fn,
      argument: 'options.classNames',
      expected: `to have one name per class (${numClasses})`,
      value: names.length,
      found: `${names.length} names`,
    });
  }
  for (let i = 0; i < names.length; i++) {
    if (typeof names[i] !== 'string') {
      throw new MetricsError({
        fn,
        argument: 'options.classNames',
        index: i,
        expected: 'to be a string',
        value: names[i],
      });
    }
  }
  return names as readonly string[];
}
