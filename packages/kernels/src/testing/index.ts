// Helpers for the tests of packages that ship kernels; Node only.
export { checkWatModule } from './check-wat-module.js';
