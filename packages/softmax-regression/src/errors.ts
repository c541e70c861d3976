import { DigitlabError } from '@digitlab/core';

/** A data-parallel gradient worker failed to start, crashed, or was used after it stopped. */
export class WorkerError extends DigitlabError {
  override readonly name = 'WorkerError';
}
