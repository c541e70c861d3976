export { activeFits, gradientDescentPlugin } from './gradient-descent-plugin.js';
export { toySplits } from './toy-splits.js';
