import { ConformanceError } from './conformance-error.js';
import { describeValue } from './describe-value.js';

/**
 * Check that `action` fails (by rejecting or throwing) with an Error whose message mentions each of
 * `mentions` — what was expected or found — so a user can fix the input without a stack trace.
 * Returns the error.
 */
export async function checkRejects(
  what: string,
  action: () => Promise<unknown>,
  mentions: readonly string[] = [],
): Promise<Error> {
  let value: unknown;
  try {
    value = await action();
  } catch (error) {
    if (!(error instanceof Error)) {
      throw new ConformanceError(what, `expected an Error, found ${describeValue(error)} thrown`);
    }
    const missing = mentions.filter((m) => !error.message.includes(m));
    if (missing.length > 0) {
      throw new ConformanceError(
        what,
        `expected the error message to mention ${missing.map((m) => JSON.stringify(m)).join(' and ')}, found ${JSON.stringify(error.message)}`,
      );
    }
    return error;
  }
  throw new ConformanceError(
    what,
    `expected a rejection, found it resolved with ${describeValue(value)}`,
  );
}
