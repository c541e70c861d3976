/**
 * How a fit holds its training set, in the plugins that have a compressed-row kernel: `sparse`,
 * compressed rows in the plugin's WebAssembly kernel (cost follows the nonzeros); `dense`, tensors
 * on the TensorFlow.js backend (cost follows n·d); `auto`, the plugin's choice for the data at hand.
 */
export const LAYOUT_CHOICES = ['auto', 'sparse', 'dense'] as const;
/** A `layout` option's value. */
export type LayoutChoice = (typeof LAYOUT_CHOICES)[number];
/** The layout a fit trains in: a choice with `auto` resolved. */
export type Layout = Exclude<LayoutChoice, 'auto'>;
