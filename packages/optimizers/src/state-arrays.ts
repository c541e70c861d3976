import { OptimizerStateError } from './errors.js';

/** Reads a saved number array, checking its length and that every entry is a finite number. */
export function readFiniteArray(
  value: unknown,
  length: number,
  field: string,
  stateKind: string,
): Float64Array {
  if (!Array.isArray(value) && !(value instanceof Float64Array)) {
    throw new OptimizerStateError(
      `${stateKind} state field '${field}': expected an array of ${length} numbers, found ${typeof value}`,
    );
  }
  if (value.length !== length) {
    throw new OptimizerStateError(
      `${stateKind} state field '${field}': expected ${length} numbers, found ${value.length}`,
    );
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new OptimizerStateError(
        `${stateKind} state field '${field}[${i}]': expected a finite number, found ${String(v)}`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** An update rule's buffer: read from its saved buffers when resuming, else zeros. */
export function restoreBuffer(
  saved: Record<string, unknown> | undefined,
  name: string,
  dimension: number,
  stateKind: string,
): Float64Array {
  return saved
    ? readFiniteArray(saved[name], dimension, `buffers.${name}`, stateKind)
    : new Float64Array(dimension);
}

/** Reads a saved count (a non-negative integer). */
export function readCount(value: unknown, field: string, stateKind: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new OptimizerStateError(
      `${stateKind} state field '${field}': expected a non-negative integer, found ${String(value)}`,
    );
  }
  return value;
}

/** Reads a saved finite number. */
export function readFinite(value: unknown, field: string, stateKind: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new OptimizerStateError(
      `${stateKind} state field '${field}': expected a finite number, found ${String(value)}`,
    );
  }
  return value;
}

/** Checks the `kind` and `version` tags every saved state carries. */
export function checkStateTag(
  state: unknown,
  kind: string,
  version: number,
): asserts state is Record<string, unknown> {
  if (typeof state !== 'object' || state === null) {
    throw new OptimizerStateError(`expected a saved ${kind} state object, found ${String(state)}`);
  }
  const tagged = state as { kind?: unknown; version?: unknown };
  if (tagged.kind !== kind) {
    throw new OptimizerStateError(
      `expected a saved state with kind '${kind}', found kind '${String(tagged.kind)}'`,
    );
  }
  if (tagged.version !== version) {
    throw new OptimizerStateError(
      `${kind} state: expected version ${version}, found ${String(tagged.version)}`,
    );
  }
}
