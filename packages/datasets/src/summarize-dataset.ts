import { classCounts } from './class-indices.js';
import type { Dataset } from './dataset.js';

/** What summarizeDataset reports: the dataset's name and sizes, its class counts and feature range. */
export interface DatasetSummary
  extends Pick<
    Dataset,
    'name' | 'split' | 'numSamples' | 'numFeatures' | 'imageShape' | 'numClasses'
  > {
  /** Samples per class, indexed by label. */
  readonly classCounts: readonly number[];
  readonly featureMin: number;
  readonly featureMax: number;
  /** One line, e.g. "mnist/train: 60000 samples of 28×28 (784 features), 10 classes (min 5421, max 6742), features in [0, 1], preprocessing: scale×0.003922". */
  readonly text: string;
}

function describeSteps(ds: Dataset): string {
  if (ds.preprocessing.length === 0) return 'none';
  return ds.preprocessing
    .map((step) => (step.kind === 'scale' ? `scale×${+step.factor.toPrecision(4)}` : 'standardize'))
    .join(' → ');
}

/** Per-class counts, feature range and a one-line text description of a dataset. */
export function summarizeDataset(ds: Dataset): DatasetSummary {
  const counts = classCounts(ds);
  let featureMin = Number.POSITIVE_INFINITY;
  let featureMax = Number.NEGATIVE_INFINITY;
  const { features } = ds;
  for (let i = 0; i < features.length; i++) {
    const x = features[i]!;
    if (x < featureMin) featureMin = x;
    if (x > featureMax) featureMax = x;
  }
  const round = (x: number) => +x.toPrecision(4);
  const text =
    `${ds.name}/${ds.split}: ${ds.numSamples} samples of ${ds.imageShape.join('×')} (${ds.numFeatures} features), ` +
    `${ds.numClasses} classes (per class min ${Math.min(...counts)}, max ${Math.max(...counts)}), ` +
    `features in [${round(featureMin)}, ${round(featureMax)}], preprocessing: ${describeSteps(ds)}`;
  return Object.freeze({
    name: ds.name,
    split: ds.split,
    numSamples: ds.numSamples,
    numFeatures: ds.numFeatures,
    imageShape: ds.imageShape,
    numClasses: ds.numClasses,
    classCounts: Object.freeze(counts),
    featureMin,
    featureMax,
    text,
  });
}
