import { DigitlabError } from '@digitlab/core';

/** A TensorFlow.js backend could not be registered or initialized. */
export class BackendInitError extends DigitlabError {
  override readonly name = 'BackendInitError';
  constructor(
    readonly backend: string,
    readonly problem: string,
  ) {
    super(`could not initialize the TensorFlow.js '${backend}' backend: ${problem}`);
  }
}

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
