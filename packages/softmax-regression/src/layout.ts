import { ClassifierInputError } from '@digitlab/core';
import { type Layout, type LayoutChoice, MAX_COMPRESSED_COLUMNS } from '@digitlab/kernels';
import {
  MAX_KERNEL_BYTES,
  softmaxKernelBytes,
  softmaxKernelSupported,
} from './sparse/softmax-kernel.js';

/**
 * On the wasm backend, `auto` keeps data this dense or sparser in compressed rows. Measured by
 * `pnpm bench` on 20,000 × 784 synthetic rows (nonzeros at random positions, 10 classes, one
 * thread): the kernel beats XNNPACK's dense products up to ~90 % nonzero and loses only on fully
 * dense data, so 80 % leaves a margin. On the cpu backend the kernel wins at any density (~15×).
 */
export const SPARSE_DENSITY_LIMIT = 0.8;

/** What the layout decision looks at. */
export interface LayoutInput {
  readonly numSamples: number;
  readonly numFeatures: number;
  readonly numClasses: number;
  /** Share of nonzero entries, estimated (undefined: not looked at, only for `dense`). */
  readonly density: number | undefined;
}

/** The layout a fit uses, and why when `auto` had to pass over the faster one. */
export interface LayoutDecision {
  readonly layout: Layout;
  /** Share of nonzero entries, when estimated. */
  readonly density: number | undefined;
  readonly note?: string;
}

/**
 * Resolve the `layout` option for one training set: `auto` takes compressed rows when the kernel
 * can hold the data and they are the faster layout on `backend`; `sparse` insists (and fails with
 * the reason when it cannot); `dense` never compresses.
 */
export function chooseLayout(
  choice: LayoutChoice,
  input: LayoutInput,
  backend: string,
  kernelSupported: boolean = softmaxKernelSupported(),
): LayoutDecision {
  const { numSamples: n, numFeatures: d, numClasses: k, density } = input;
  if (choice === 'dense' || density === undefined) return { layout: 'dense', density: undefined };
  const nonzeros = Math.ceil(density * n * d);
  const obstacle = !kernelSupported
    ? 'this JavaScript engine has no WebAssembly SIMD'
    : d > MAX_COMPRESSED_COLUMNS
      ? `${d} features exceed the ${MAX_COMPRESSED_COLUMNS} column indices compressed rows store`
      : softmaxKernelBytes(n, nonzeros, d, k) > MAX_KERNEL_BYTES
        ? `${n} rows with about ${nonzeros} nonzeros exceed WebAssembly's 4 GiB memory`
        : undefined;
  if (choice === 'sparse') {
    if (obstacle) {
      throw new ClassifierInputError(
        `layout 'sparse': expected data the compressed-row kernel can hold, found that ${obstacle} (use layout 'dense')`,
      );
    }
    return { layout: 'sparse', density };
  }
  if (obstacle) {
    return {
      layout: 'dense',
      density,
      note: `dense layout: compressed rows are not available because ${obstacle}`,
    };
  }
  const sparse = backend === 'cpu' || density <= SPARSE_DENSITY_LIMIT;
  return { layout: sparse ? 'sparse' : 'dense', density };
}
