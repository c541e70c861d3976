/** How one optimizer turns a mini-batch gradient into a parameter update, with its saved buffers. */
export interface UpdateRule<B> {
  /** Updates x in place from the gradient g (already including weight decay and clipping). */
  apply(x: Float64Array, g: Float64Array, learningRate: number): void;
  /** The rule's buffers as plain data, for a saved state. */
  save(): B;
}
