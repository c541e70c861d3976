export { ClassScores, ConfusedPairs } from './view.js';
