import { ClassifierInputError } from '@digitlab/core';
import {
  estimateDensity,
  type Layout,
  type LayoutChoice,
  MAX_COMPRESSED_COLUMNS,
  MAX_WASM_BYTES,
} from '@digitlab/kernels';
import type { MlpShape } from './mlp-parameters.js';
import { mlpKernelBytes, mlpKernelSupported } from './sparse/mlp-kernel.js';

/** `auto` takes the sparse kernel up to this share of nonzero features (as softmax regression). */
export const SPARSE_DENSITY_LIMIT = 0.8;

/** What the fit trains on, and why (for the start event's notes). */
export interface LayoutDecision {
  readonly layout: Layout;
  readonly note?: string;
}

/**
 * The layout a fit trains in: `sparse` (compressed rows, the WebAssembly kernel) when asked for,
 * or under `auto` when the data is at most 80 % nonzero (estimated from up to 2,048 rows) and
 * the kernel can hold it; otherwise `dense`. Asking for `sparse` where it cannot run is a
 * ClassifierInputError with the reason.
 */
export function chooseLayout(
  choice: LayoutChoice,
  features: Float32Array,
  numSamples: number,
  shape: MlpShape,
): LayoutDecision {
  if (choice === 'dense') return { layout: 'dense' };
  const d = shape.numFeatures;
  // Read only where the kernel could hold the columns (the estimate checks them too).
  const density = d > MAX_COMPRESSED_COLUMNS ? 1 : estimateDensity(features, numSamples, d);
  let obstacle: string | undefined;
  if (!mlpKernelSupported())
    obstacle = 'this JavaScript engine lacks WebAssembly SIMD or shared WebAssembly memory';
  else if (d > MAX_COMPRESSED_COLUMNS) {
    obstacle = `${d} features exceed the kernel's ${MAX_COMPRESSED_COLUMNS} (16-bit columns)`;
  } else {
    // The estimate with a margin, so a fit that starts does not run out of memory.
    const nonzeros = Math.ceil(Math.min(1, density * 1.1) * numSamples * d);
    const bytes = mlpKernelBytes(numSamples, nonzeros, shape);
    if (bytes > MAX_WASM_BYTES) {
      obstacle = `the compressed rows and weights would need ${(bytes / 2 ** 30).toFixed(1)} GiB, more than WebAssembly's 4 GiB`;
    }
  }
  if (obstacle !== undefined) {
    if (choice === 'sparse') {
      throw new ClassifierInputError(
        `layout 'sparse': expected data the WebAssembly kernel can hold, found that ${obstacle}; use layout 'dense'`,
      );
    }
    return { layout: 'dense', note: `dense layout: ${obstacle}` };
  }
  if (choice === 'sparse') return { layout: 'sparse' };
  if (density > SPARSE_DENSITY_LIMIT) {
    return {
      layout: 'dense',
      note: `dense layout: the data is ${Math.round(density * 100)} % nonzero (sparse up to ${SPARSE_DENSITY_LIMIT * 100} %)`,
    };
  }
  return { layout: 'sparse' };
}
