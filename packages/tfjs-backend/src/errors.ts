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
