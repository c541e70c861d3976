/**
 * The cost of one Adam step outside the objective: `pnpm bench:adam` runs `minimizeAdam` on an
 * objective that hands back a constant gradient, at the MLP's size (784·128 + 128 + 128·10 + 10
 * parameters, 300 steps an epoch), and prints the median ms per step over a few runs.
 */
import { minimizeAdam } from '../stochastic/adam.js';

const dimension = Number(process.argv[2] ?? 101_770);
const epochs = 10;
const batchSize = 200;
const numSamples = 60_000;
const gradient = new Float64Array(dimension);
for (let i = 0; i < dimension; i++) gradient[i] = Math.sin(i) * 1e-2;
const objective = () => ({ value: 1, gradient });

const perStep: number[] = [];
for (let run = 0; run < 5; run++) {
  const x0 = new Float64Array(dimension).fill(0.5);
  const started = performance.now();
  const result = await minimizeAdam(objective, x0, { numSamples, batchSize, epochs });
  perStep.push((performance.now() - started) / result.steps);
}
perStep.sort((a, b) => a - b);
console.log(
  `adam, ${dimension} parameters, ${(numSamples / batchSize) * epochs} steps: ` +
    `${perStep.map((v) => v.toFixed(3)).join(', ')} ms per step (median ${perStep[2]!.toFixed(3)})`,
);
