import {
  instantiateWasm,
  layOutMemory,
  MAX_WASM_BYTES,
  wasmModuleSupported,
} from '@digitlab/kernels';
import { ADAM_KERNEL_BASE64 } from './adam-kernel-binary.js';

/** Below this many parameters the scalar loop is as fast and needs no module memory. */
const MIN_KERNEL_DIMENSION = 1024;

interface AdamKernelExports {
  adam(
    x: number,
    g: number,
    m: number,
    v: number,
    n: number,
    keep1: number,
    take1: number,
    keep2: number,
    take2: number,
    stepScale: number,
    rootScale: number,
    epsilon: number,
  ): void;
}

/** Adam's moments in WebAssembly memory, and the SIMD update over them (adam-kernel.wat). */
export interface AdamKernel {
  /** The first and second moments, views of the module's memory (updated in place). */
  readonly m: Float64Array;
  readonly v: Float64Array;
  /** x and g in the module's memory: kept there by the caller, they are not copied in or out. */
  readonly x: Float64Array;
  readonly g: Float64Array;
  /** One update of x from g with the rule's per-step constants (any arrays of the dimension). */
  apply(
    x: Float64Array,
    g: Float64Array,
    constants: {
      keep1: number;
      take1: number;
      keep2: number;
      take2: number;
      stepScale: number;
      rootScale: number;
      epsilon: number;
    },
  ): void;
}

let supported: boolean | undefined;

/**
 * The kernel for `dimension` parameters, or undefined where the scalar loop is the better choice:
 * a small dimension, an engine without WebAssembly SIMD, or more memory than a module can have.
 */
export function createAdamKernel(dimension: number): AdamKernel | undefined {
  if (dimension < MIN_KERNEL_DIMENSION) return undefined;
  supported ??= wasmModuleSupported(ADAM_KERNEL_BASE64);
  if (!supported) return undefined;
  const bytes = dimension * Float64Array.BYTES_PER_ELEMENT;
  const layout = layOutMemory({ x: bytes, g: bytes, m: bytes, v: bytes });
  if (layout.bytes > MAX_WASM_BYTES) return undefined;
  const { exports, buffer } = instantiateWasm<AdamKernelExports>(ADAM_KERNEL_BASE64, layout.bytes);
  const view = (offset: number) => new Float64Array(buffer, offset, dimension);
  const xIn = view(layout.x);
  const gIn = view(layout.g);
  return {
    m: view(layout.m),
    v: view(layout.v),
    x: xIn,
    g: gIn,
    apply(x, g, c) {
      if (x !== xIn) xIn.set(x);
      if (g !== gIn) gIn.set(g);
      exports.adam(
        layout.x,
        layout.g,
        layout.m,
        layout.v,
        dimension,
        c.keep1,
        c.take1,
        c.keep2,
        c.take2,
        c.stepScale,
        c.rootScale,
        c.epsilon,
      );
      if (x !== xIn) x.set(xIn);
    },
  };
}
