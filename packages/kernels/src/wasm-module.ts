/** WebAssembly memory comes in pages of 64 KiB. */
export const WASM_PAGE_BYTES = 65536;

/** WebAssembly's 32-bit address space: a module's memory cannot be larger. */
export const MAX_WASM_BYTES = 2 ** 32;

/** Decode base64 with `atob`, which browsers and Node (≥ 16) both have, so no Buffer is needed. */
export function decodeBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const compiled = new Map<string, WebAssembly.Module>();

/** Whether this engine validates a module (false when it lacks a feature the module uses, like SIMD). */
export function wasmModuleSupported(base64: string): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(decodeBase64(base64));
  } catch {
    return false;
  }
}

/** An instance with its own fixed-size memory (imported as `env.memory`). */
export interface WasmInstance<Exports> {
  readonly exports: Exports;
  /** The memory's buffer: it never grows, so views of it stay valid. */
  readonly buffer: ArrayBuffer;
}

/**
 * Instantiate a base64 binary (as `wat-module` writes it; compiled once per thread) with a memory
 * of at least `bytes` that cannot grow. The caller checks `bytes` against MAX_WASM_BYTES first,
 * with a message that says what needed the memory.
 */
export function instantiateWasm<Exports>(base64: string, bytes: number): WasmInstance<Exports> {
  let module = compiled.get(base64);
  if (!module) {
    module = new WebAssembly.Module(decodeBase64(base64));
    compiled.set(base64, module);
  }
  const pages = Math.max(1, Math.ceil(bytes / WASM_PAGE_BYTES));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { exports: instance.exports as unknown as Exports, buffer: memory.buffer };
}

/** Byte offsets of named regions in a module's memory, and the bytes they need in all. */
export type MemoryLayout<Name extends string> = Readonly<Record<Name, number>> & {
  readonly bytes: number;
};

/**
 * Lay regions of the given byte sizes out one after another, each on a 16-byte boundary (SIMD
 * loads), starting at byte 16 so that offset 0 stays unused.
 */
export function layOutMemory<Name extends string>(
  sizes: Readonly<Record<Name, number>>,
): MemoryLayout<Name> {
  let next = 16;
  const offsets: Record<string, number> = {};
  for (const [name, size] of Object.entries<number>(sizes)) {
    if (!Number.isInteger(size) || size < 0) {
      throw new RangeError(
        `layOutMemory: expected a whole number of bytes for '${name}', found ${size}`,
      );
    }
    offsets[name] = next;
    next += Math.ceil(size / 16) * 16;
  }
  return { ...offsets, bytes: next } as MemoryLayout<Name>;
}
