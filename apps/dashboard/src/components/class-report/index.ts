export { ClassScores, ConfusedPairs } from './class-report.js';
