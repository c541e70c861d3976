import { DigitlabError } from '@digitlab/core';

export { BackendInitError } from '@digitlab/tfjs-backend';

/** A classifier was asked to predict, score or save before it had parameters. */
export class NotFittedError extends DigitlabError {
  override readonly name = 'NotFittedError';
  constructor(readonly operation: string) {
    super(
      `${operation}: expected a fitted softmax-regression classifier, found one without parameters (call fit() or load a saved model first)`,
    );
  }
}

/** A data-parallel gradient worker failed to start, crashed, or was used after it stopped. */
export class WorkerError extends DigitlabError {
  override readonly name = 'WorkerError';
}
