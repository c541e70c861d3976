import type { Layout } from '@digitlab/kernels';
import { type BackendName, useBackend } from '@digitlab/tfjs-backend';
import type { ObjectiveData } from '../gradient-objective.js';
import { createLocalObjective } from '../local-objective.js';
import { startGradientWorkers } from '../parallel/parallel-objective.js';
import { parameterCount } from '../parameters.js';
import { median } from './measure-products.js';

/** Where and how one gradient measurement runs. */
export interface GradientSetting {
  readonly layout: Layout;
  readonly backend: BackendName;
  /** 0: this thread. */
  readonly workers: number;
  readonly repeats: number;
}

/** Milliseconds per full-batch gradient (median of `repeats`, after two warm-ups) for one setting. */
export async function measureGradientMs(
  data: Omit<ObjectiveData, 'C'>,
  setting: GradientSetting,
): Promise<number> {
  const { layout, backend, workers, repeats } = setting;
  const x = new Float64Array(parameterCount(data.numFeatures, data.numClasses));
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 0.01;
  if (layout === 'dense') await useBackend(backend);
  const pool = await startGradientWorkers(workers, data.numSamples, { backend, layout });
  const objective = pool
    ? await pool.load({ ...data, C: 1 })
    : createLocalObjective({ ...data, C: 1 }, layout, backend);
  try {
    // XNNPACK and V8 both take a couple of calls to settle.
    await objective.evaluate(x);
    await objective.evaluate(x);
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      await objective.evaluate(x);
      times.push(performance.now() - start);
    }
    return median(times);
  } finally {
    await objective.dispose();
  }
}
