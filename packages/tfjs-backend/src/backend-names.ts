/** The TensorFlow.js backends digitlab starts itself (`wasm` only under Node). */
export const BACKENDS = ['cpu', 'wasm'] as const;
/** `cpu` is plain JavaScript (the reference); `wasm` is XNNPACK compiled to WebAssembly. */
export type BackendName = (typeof BACKENDS)[number];

/** What a classifier may ask for: a backend by name, or `auto` for the fastest that starts. */
export const BACKEND_CHOICES = ['auto', 'wasm', 'cpu'] as const;
/** A requested backend. */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** The backend a request resolved to, with a note when it is not what was asked for. */
export interface ResolvedBackend {
  readonly backend: BackendName;
  readonly note?: string;
}
