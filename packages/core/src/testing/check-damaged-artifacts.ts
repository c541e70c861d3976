import { settledOrTypedError } from '@digitlab/datasets/testing';
import fc from 'fast-check';
import type { ClassifierPlugin } from '../classifier-plugin.js';
import { DigitlabError } from '../errors.js';
import type { ModelArtifact } from '../model-artifact.js';
import { validateModelMetadata } from '../model-metadata.js';
import { checkProbabilities } from './check-probabilities.js';
import { checkTensorCount } from './check-tensor-count.js';
import { damagedArtifacts } from './damaged-artifacts.js';

/** How many damaged artifacts to try, and the tensor count to check afterwards. */
export interface DamagedArtifactsOptions {
  readonly numRuns: number;
  readonly tensorMemory?: (() => number) | undefined;
}

/**
 * Check (fast-check) that `plugin.load` turns every damaged copy of `artifact` into a model that
 * predicts valid probabilities (n × k, in [0, 1], rows summing to 1) for `rows`, or refuses it with a DigitlabError saying why — never
 * another exception, and without leaking tensors either way.
 */
export async function checkDamagedArtifacts(
  plugin: ClassifierPlugin,
  artifact: ModelArtifact,
  rows: Float32Array,
  options: DamagedArtifactsOptions,
): Promise<void> {
  const before = options.tensorMemory?.();
  await fc.assert(
    fc.asyncProperty(damagedArtifacts(artifact), async (damaged) => {
      // Metadata reaches a plugin only after the model directory's loader has checked it.
      let k = artifact.metadata.numClasses;
      const loaded = await settledOrTypedError(() => {
        const metadata = validateModelMetadata(damaged.metadata, 'metadata');
        k = metadata.numClasses;
        return plugin.load({ ...damaged, metadata });
      }, [DigitlabError]);
      if (loaded instanceof Error) return;
      try {
        const probabilities = await settledOrTypedError(
          () => loaded.predictProba(rows),
          [DigitlabError],
        );
        const n = rows.length / artifact.metadata.numFeatures;
        if (!(probabilities instanceof Error)) checkProbabilities(probabilities, n, k);
      } finally {
        loaded.dispose();
      }
    }),
    // Thousands of cases for a plugin whose load is cheap; one that starts threads per load gets
    // fewer, within the time budget (each case still bounded by `timeout`).
    { numRuns: options.numRuns, timeout: 10_000, interruptAfterTimeLimit: 8_000 },
  );
  if (options.tensorMemory && before !== undefined) {
    checkTensorCount(
      before,
      options.tensorMemory(),
      `loading ${options.numRuns} damaged artifacts`,
    );
  }
}
