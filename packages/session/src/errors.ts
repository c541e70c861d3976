/**
 * The training set a `DataRequest` asks for cannot be drawn from the dataset: more samples than
 * its training split holds. `detail` says what was expected and found, so a front end can name its
 * own control (the CLI prefixes `--train-size`).
 */
export class SamplingError extends Error {
  override readonly name = 'SamplingError';
  /** The request field at fault. */
  readonly field = 'sampling.size';
  /** What was expected and what was found, without the field. */
  readonly detail: string;

  constructor(
    readonly requested: number,
    readonly available: number,
    readonly dataset: string,
  ) {
    const detail = `expected at most ${available} (the size of ${dataset}'s training set), found ${requested}`;
    super(`sampling.size: ${detail}`);
    this.detail = detail;
  }
}
