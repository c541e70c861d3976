import { DigitlabError } from '@digitlab/core';

export { BackendInitError } from '@digitlab/tfjs-backend';

/** A classifier was asked to predict, score or save before it had weights. */
export class NotFittedError extends DigitlabError {
  override readonly name = 'NotFittedError';
  constructor(readonly operation: string) {
    super(
      `${operation}: expected a fitted mlp classifier, found one without weights (call fit() or load a saved model first)`,
    );
  }
}
