/** Input a figure cannot be drawn from; the message names the figure, the field and the value. */
export class FiguresError extends Error {
  override readonly name = 'FiguresError';
  /** The figure function that refused its input, e.g. 'confusionMatrixFigure'. */
  readonly figure: string;
  /** The offending field, e.g. 'counts[3]'. */
  readonly field: string;

  constructor(figure: string, field: string, expected: string, found: string) {
    super(`${figure}: expected ${field} ${expected}, found ${found}`);
    this.figure = figure;
    this.field = field;
  }
}
