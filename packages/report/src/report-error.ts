import { DigitlabError } from '@digitlab/core';

/**
 * A report could not be written: its directory holds something else, or its input does not fit.
 * The message says where (a path, or the input field), what was expected and what was found, so
 * the command line prints it as it is.
 */
export class ReportError extends DigitlabError {
  override readonly name = 'ReportError';

  constructor(
    /** The path or input field the problem is about. */
    readonly where: string,
    expected: string,
    found: string,
  ) {
    super(`${where}: expected ${expected}, found ${found}`);
  }
}
