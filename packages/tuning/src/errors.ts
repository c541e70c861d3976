import { DigitlabError } from '@digitlab/core';

/** A grid, fold count or tuning request that cannot be run; the message says what and where. */
export class TuningInputError extends DigitlabError {
  override readonly name = 'TuningInputError';
}

/** A trial that failed while fitting or scoring (in this thread or a worker). */
export class TrialError extends DigitlabError {
  override readonly name = 'TrialError';
}
