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

/** The `fail` of one check: throws a ConformanceError naming it, the problem prefixed by `where`. */
export function failCheck(check: string, where?: string): (problem: string) => never {
  return (problem) => {
    throw new ConformanceError(check, where === undefined ? problem : `${where}: ${problem}`);
  };
}
