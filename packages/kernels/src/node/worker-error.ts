import { DigitlabError } from '@digitlab/core';

/** A worker thread failed to start, crashed, or was used after its pool stopped. */
export class WorkerError extends DigitlabError {
  override readonly name = 'WorkerError';
}
