import { ErrorWithFile } from '../errors.js';

/** What is wrong with an image input, for callers that react differently. */
export type ImageProblem =
  | 'unreadable'
  | 'not-an-image'
  | 'unsupported-format'
  | 'corrupt'
  | 'too-large'
  | 'blank';

/**
 * An image that cannot become a digit: its message is one line naming the file (when known) and
 * what was expected; `detail` is the message without the file.
 */
export class ImageInputError extends ErrorWithFile {
  override readonly name = 'ImageInputError';
  constructor(
    readonly problem: ImageProblem,
    readonly detail: string,
    file?: string,
  ) {
    super(file === undefined ? detail : `${file}: ${detail}`, file);
  }

  /** The same problem, tied to `file`. */
  withFile(file: string): ImageInputError {
    return new ImageInputError(this.problem, this.detail, file);
  }
}
