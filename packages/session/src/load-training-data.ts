import {
  type Dataset,
  type KnownDatasetName,
  shuffledIndices,
  stratifiedSubsample,
  subset,
} from '@digitlab/datasets';
import { loadDataset } from '@digitlab/datasets/node';
import { SamplingError } from './errors.js';

/** How the training set is drawn from the full training split. */
export type Sampling =
  | { readonly kind: 'per-class'; readonly perClass: number }
  | { readonly kind: 'train-size'; readonly size: number }
  | { readonly kind: 'full' };

/** Which data to train and evaluate on. */
export interface DataRequest {
  readonly dataset: KnownDatasetName;
  readonly dataDir?: string;
  /** Base URL serving the four .gz files, downloaded once into the cache. */
  readonly url?: string;
  readonly sampling: Sampling;
  readonly seed: number;
}

/** The training subset and the full test split. */
export interface TrainingData {
  readonly train: Dataset;
  readonly test: Dataset;
  /** How the training set was drawn, for headers and reports. */
  readonly samplingText: string;
}

/** Load a dataset and draw the training set the request asks for (seeded, reproducible). */
export async function loadTrainingData(request: DataRequest): Promise<TrainingData> {
  const splits = await loadDataset({
    dataset: request.dataset,
    ...(request.dataDir === undefined ? {} : { dataDir: request.dataDir }),
    ...(request.url === undefined ? {} : { url: request.url }),
  });
  return { ...drawTrainingSet(splits.train, request.sampling, request.seed), test: splits.test };
}

/** Apply a sampling to a full training split. */
export function drawTrainingSet(
  full: Dataset,
  sampling: Sampling,
  seed: number,
): { train: Dataset; samplingText: string } {
  switch (sampling.kind) {
    case 'full':
      return { train: full, samplingText: 'full training set' };
    case 'per-class':
      return {
        train: stratifiedSubsample(full, sampling.perClass, seed),
        samplingText: `${sampling.perClass}/class, seed ${seed}`,
      };
    case 'train-size': {
      if (sampling.size > full.numSamples) {
        throw new SamplingError(sampling.size, full.numSamples, full.name);
      }
      const indices = shuffledIndices(full.numSamples, seed).subarray(0, sampling.size);
      return {
        train: subset(full, indices),
        samplingText: `${sampling.size} random samples, seed ${seed}`,
      };
    }
  }
}
