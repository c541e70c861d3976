import { DigitlabError } from '@digitlab/core';

/** A classifier was asked to predict, score or save before it had any centroids. */
export class NotFittedError extends DigitlabError {
  override readonly name = 'NotFittedError';
  constructor(readonly operation: string) {
    super(
      `${operation}: expected a fitted nearest-centroid classifier, found one without centroids (call fit() or load a saved model first)`,
    );
  }
}
