import { DigitlabError } from '@digitlab/core';

export { BackendInitError } from '@digitlab/tfjs-backend';

/** A classifier was asked to predict, score or save before it had indexed any training data. */
export class NotFittedError extends DigitlabError {
  override readonly name = 'NotFittedError';
  constructor(readonly operation: string) {
    super(
      `${operation}: expected a fitted knn classifier, found one without a training set (call fit() or load a saved model first)`,
    );
  }
}
