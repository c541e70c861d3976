/** Base class for every error @digitlab/optimizers raises, so callers can tell input mistakes from bugs. */
export class OptimizerError extends Error {
  override readonly name: string = 'OptimizerError';
}

/** An argument or option has a value the optimizer cannot work with. */
export class InvalidArgumentError extends OptimizerError {
  override readonly name = 'InvalidArgumentError';
  constructor(
    readonly argument: string,
    readonly expected: string,
    readonly found: unknown,
  ) {
    super(`invalid ${argument}: expected ${expected}, found ${describeValue(found)}`);
  }
}

/** An array has a different length from the one the optimizer works with. */
export class DimensionMismatchError extends OptimizerError {
  override readonly name = 'DimensionMismatchError';
  constructor(
    readonly what: string,
    readonly expected: number,
    readonly found: number,
    readonly where: string,
  ) {
    super(`${what} has length ${found}, expected ${expected} (${where})`);
  }
}

/** NaN or ±Infinity where the optimizer cannot back off from it, e.g. in x0 or at x0. */
export class NonFiniteError extends OptimizerError {
  override readonly name = 'NonFiniteError';
  constructor(
    readonly what: string,
    readonly found: number,
    readonly where: string,
  ) {
    super(`${what} is ${String(found)}, expected a finite number (${where})`);
  }
}

/** The objective returned something other than `{ value: number, gradient: ArrayLike<number> }`. */
export class ObjectiveOutputError extends OptimizerError {
  override readonly name = 'ObjectiveOutputError';
  constructor(
    readonly found: unknown,
    readonly where: string,
  ) {
    super(
      `objective returned ${describeValue(found)}, expected { value: number, gradient: Float64Array } (${where})`,
    );
  }
}

/** A saved optimizer state is malformed, belongs to another optimizer, or was requested too late. */
export class OptimizerStateError extends OptimizerError {
  override readonly name = 'OptimizerStateError';
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return `an object with keys [${Object.keys(value).join(', ')}]`;
}
