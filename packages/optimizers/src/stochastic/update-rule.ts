/** How one optimizer turns a mini-batch gradient into a parameter update, with its saved buffers. */
export interface UpdateRule<B> {
  /** Updates x in place from the gradient g (already including weight decay and clipping). */
  apply(x: Float64Array, g: Float64Array, learningRate: number): void;
  /**
   * Where the rule would like x and g kept (e.g. a kernel's memory, so no copy goes in or out);
   * the loop then holds its point and gradient there. Absent: plain arrays.
   */
  readonly workspace?: { readonly x: Float64Array; readonly g: Float64Array };
  /** The rule's buffers as plain data, for a saved state. */
  save(): B;
}

/**
 * Creates an optimizer's update rule for `dimension` parameters from its options, continuing from
 * the `saved` buffers of a state when resuming.
 */
export type UpdateRuleFactory<O, B> = (
  dimension: number,
  options: O,
  saved?: Record<string, unknown>,
) => UpdateRule<B>;
