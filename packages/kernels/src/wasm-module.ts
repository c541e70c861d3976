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

/**
 * A WebAssembly.Memory as the kernels' API names it (TypeScript declares the WebAssembly API only
 * in its DOM library, which packages built on this one should not need). A shared one can be
 * posted to worker threads.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

let canShare: boolean | undefined;

/**
 * Whether this engine makes shared WebAssembly memories (Node does; a browser page only when it
 * is cross-origin isolated).
 */
export function sharedMemorySupported(): boolean {
  if (canShare === undefined) {
    try {
      canShare =
        new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof
        SharedArrayBuffer;
    } catch {
      canShare = false;
    }
  }
  return canShare;
}

/** An instance with its fixed-size memory (imported as `env.memory`). */
export interface WasmInstance<Exports> {
  readonly exports: Exports;
  /** The memory's buffer: it never grows, so views of it stay valid. */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

/**
 * A memory of at least `bytes` that cannot grow; `shared` for a module that imports a shared
 * memory (its buffer is a SharedArrayBuffer, and workers given the memory see the same bytes).
 * The caller checks `bytes` against MAX_WASM_BYTES first, with a message that says what needed it.
 */
export function fixedMemory(
  bytes: number,
  options: { readonly shared?: boolean } = {},
): WasmMemory {
  const pages = Math.max(1, Math.ceil(bytes / WASM_PAGE_BYTES));
  return new WebAssembly.Memory({
    initial: pages,
    maximum: pages,
    ...(options.shared ? { shared: true } : {}),
  });
}

/**
 * Instantiate a base64 binary (as `wat-module` writes it; compiled once per thread) with a new
 * unshared fixed memory of at least `bytes`, or with a memory already made by fixedMemory (a
 * shared one for a module that imports a shared memory, which other instances, on this thread or
 * others, may use too).
 */
export function instantiateWasm<Exports>(
  base64: string,
  memory: number | WasmMemory,
): WasmInstance<Exports> {
  let module = compiled.get(base64);
  if (!module) {
    module = new WebAssembly.Module(decodeBase64(base64));
    compiled.set(base64, module);
  }
  const own = (typeof memory === 'number' ? fixedMemory(memory) : memory) as WebAssembly.Memory;
  const instance = new WebAssembly.Instance(module, { env: { memory: own } });
  return { exports: instance.exports as unknown as Exports, buffer: own.buffer };
}

/** Byte offsets of named regions in a module's memory, and the bytes they need in all. */
export type MemoryLayout<Name extends string> = Readonly<Record<Name, number>> & {
  readonly bytes: number;
};

/**
 * Lay regions of the given byte sizes out one after another, each on a 16-byte boundary (SIMD
 * loads), from byte `start` (a multiple of 16; by default 16, so that offset 0 stays unused).
 */
export function layOutMemory<Name extends string>(
  sizes: Readonly<Record<Name, number>>,
  start = 16,
): MemoryLayout<Name> {
  if (!Number.isInteger(start) || start < 16 || start % 16 !== 0) {
    throw new RangeError(
      `layOutMemory: expected a start at a multiple of 16 bytes from 16, found ${start}`,
    );
  }
  let next = start;
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
