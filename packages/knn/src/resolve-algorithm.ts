import { ClassifierInputError } from '@digitlab/core';
import { MAX_COMPRESSED_COLUMNS } from '@digitlab/kernels';
import type { KnnOptions } from './options.js';
import { searchKernelSupported } from './projection/search-kernel.js';

/** The search a classifier runs: its `algorithm`, with `auto` decided for data of `numFeatures`. */
export function resolveAlgorithm(
  options: Pick<KnnOptions, 'algorithm'>,
  numFeatures: number,
): 'projection' | 'brute' {
  const why = projectionUnavailable(numFeatures);
  if (options.algorithm === 'auto') return why ? 'brute' : 'projection';
  if (options.algorithm === 'projection' && why) {
    throw new ClassifierInputError(
      `algorithm: expected data the projection search can hold, found ${why} (use algorithm 'brute')`,
    );
  }
  return options.algorithm;
}

/** Why the projection search cannot run here, or undefined when it can. */
export function projectionUnavailable(numFeatures: number): string | undefined {
  if (numFeatures > MAX_COMPRESSED_COLUMNS) {
    return `${numFeatures} features (its compressed rows hold at most ${MAX_COMPRESSED_COLUMNS})`;
  }
  if (!searchKernelSupported()) return 'a JavaScript engine without WebAssembly SIMD';
  return undefined;
}
