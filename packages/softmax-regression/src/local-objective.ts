import type { Layout } from '@digitlab/kernels';
import type { LocalObjective, ObjectiveData } from './gradient-objective.js';
import { denseLayoutFor, SoftmaxObjective } from './softmax-objective.js';
import { SparseSoftmaxObjective } from './sparse/sparse-objective.js';

/** The objective over `data` on this thread in `layout` (dense tensors live on `backend`). */
export function createLocalObjective(
  data: ObjectiveData,
  layout: Layout,
  backend: string,
): LocalObjective {
  return layout === 'sparse'
    ? SparseSoftmaxObjective.create(data)
    : SoftmaxObjective.create({ ...data, layout: denseLayoutFor(backend) });
}
