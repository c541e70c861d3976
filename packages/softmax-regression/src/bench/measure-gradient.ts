import type { Dataset } from '@digitlab/datasets';
import { type BackendName, useBackend } from '@digitlab/tfjs-backend';
import { ParallelObjective } from '../parallel/parallel-objective.js';
import { parameterCount } from '../parameters.js';
import { layoutFor, SoftmaxObjective } from '../softmax-objective.js';

/** Milliseconds per full-batch gradient (median of `repeats`, after one warm-up) for one setting. */
export async function measureGradientMs(
  train: Dataset,
  backend: BackendName,
  workers: number,
  repeats: number,
): Promise<number> {
  const { numSamples, numFeatures, numClasses, features, labels } = train;
  const x = new Float64Array(parameterCount(numFeatures, numClasses));
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 0.01;
  await useBackend(backend);
  const objective =
    workers === 0
      ? SoftmaxObjective.create({
          features,
          labels,
          numSamples,
          numFeatures,
          numClasses,
          C: 1,
          layout: layoutFor(backend),
        })
      : await ParallelObjective.create({
          features,
          labels,
          numSamples,
          numFeatures,
          numClasses,
          C: 1,
          backend,
          workers,
        });
  try {
    await objective.evaluate(x);
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      await objective.evaluate(x);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] as number;
  } finally {
    await objective.dispose();
  }
}
