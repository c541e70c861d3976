// Runs in browsers: nothing here imports a Node module. Worker-thread pools come with
// '@digitlab/kernels/node'.
export {
  type CompressedRows,
  compressRows,
  countNonzeros,
  estimateDensity,
  fillCompressedRows,
  fillRowSpans,
  MAX_COMPRESSED_COLUMNS,
  rowOffsets,
} from './compressed-rows.js';
export { FastestVariant, type FastestVariantOptions } from './fastest-variant.js';
export { LAYOUT_CHOICES, type Layout, type LayoutChoice } from './layout-choice.js';
export { LOCKSTEP_BYTES, Lockstep, type LockstepOptions, LockstepStopped } from './lockstep.js';
export { type ShardRange, shardRanges } from './shard-ranges.js';
export { stageRows } from './stage-rows.js';
export {
  decodeBase64,
  fixedMemory,
  instantiateWasm,
  layOutMemory,
  MAX_WASM_BYTES,
  type MemoryLayout,
  sharedMemorySupported,
  WASM_PAGE_BYTES,
  type WasmInstance,
  type WasmMemory,
  wasmModuleSupported,
} from './wasm-module.js';
