import type { BackendName } from '@digitlab/tfjs-backend';
import type { LocalObjective } from './gradient-objective.js';
import type { Layout } from './layout.js';
import { denseLayoutFor, SoftmaxObjective } from './softmax-objective.js';
import { SparseSoftmaxObjective } from './sparse/sparse-objective.js';

/** The training set an objective on this thread is built from. */
export interface LocalObjectiveData {
  readonly features: Float32Array;
  readonly labels: Uint8Array;
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  readonly C: number;
}

/** The objective over `data` on this thread in `layout` (dense tensors live on `backend`). */
export function createLocalObjective(
  data: LocalObjectiveData,
  layout: Layout,
  backend: BackendName,
): LocalObjective {
  return layout === 'sparse'
    ? SparseSoftmaxObjective.create(data)
    : SoftmaxObjective.create({ ...data, layout: denseLayoutFor(backend) });
}
