/** A class of errors a fuzzed function may throw: the package's typed errors. */
// biome-ignore lint/suspicious/noExplicitAny: any constructor of an Error subclass
export type ErrorClass = abstract new (...args: any[]) => Error;

/**
 * Why a thrown value is not an acceptable outcome of a fuzzed call, or undefined when it is: an
 * instance of one of `allowed` whose message is clear (one line of words, no `[object Object]`).
 */
export function unexpectedFailure(
  error: unknown,
  allowed: readonly ErrorClass[],
): string | undefined {
  if (!allowed.some((type) => error instanceof type)) {
    const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const expected = allowed.map((type) => type.name).join(' or ');
    return `expected a result or ${expected}, found ${name}`;
  }
  const message = (error as Error).message;
  if (message.trim().length < 10 || message.includes('[object Object]')) {
    return `expected a clear message, found ${JSON.stringify(message)}`;
  }
  return undefined;
}

/** Run a fuzzed call: its result, or the typed error it threw; any other exception fails. */
export function resultOrTypedError<T>(run: () => T, allowed: readonly ErrorClass[]): T | Error {
  try {
    return run();
  } catch (error) {
    const problem = unexpectedFailure(error, allowed);
    if (problem !== undefined) throw new Error(problem, { cause: error });
    return error as Error;
  }
}

/** `resultOrTypedError` for an async call. */
export async function settledOrTypedError<T>(
  run: () => Promise<T>,
  allowed: readonly ErrorClass[],
): Promise<T | Error> {
  try {
    return await run();
  } catch (error) {
    const problem = unexpectedFailure(error, allowed);
    if (problem !== undefined) throw new Error(problem, { cause: error });
    return error as Error;
  }
}
