import { DigitlabError } from '../errors.js';

/** A classifier plugin broke the Classifier contract; the message names the check and the evidence. */
export class ConformanceError extends DigitlabError {
  override readonly name = 'ConformanceError';
  constructor(
    readonly check: string,
    readonly problem: string,
  ) {
    super(`${check}: ${problem}`);
  }
}
