/**
 * Trains the MLP with its default settings on all 60,000 MNIST training images (pixels scaled to
 * [0, 1]) and reports the test accuracy after every epoch, the fit time and the final accuracy.
 *
 *   node dist/examples/full-mnist.js [--backend auto|wasm|cpu] [--solver adam|sgd|lbfgs] [--epochs N]
 *
 * Exits with 1 if the final test accuracy is below 0.97.
 */
import { parseArgs } from 'node:util';
import { fitToEnd } from '@digitlab/core';
import { loadMnist } from '@digitlab/datasets/node';
import { mlp } from '../plugin.js';

const TARGET = 0.97;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      solver: { type: 'string' },
      epochs: { type: 'string' },
      'hidden-units': { type: 'string' },
    },
  });
  const raw: Record<string, unknown> = {};
  if (values.backend !== undefined) raw.backend = values.backend;
  if (values.solver !== undefined) raw.solver = values.solver;
  if (values.epochs !== undefined) raw.epochs = Number(values.epochs);
  if (values['hidden-units'] !== undefined) raw.hiddenUnits = Number(values['hidden-units']);
  const plugin = mlp();
  const parsed = plugin.options.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      console.error(`--${issue.path.join('.')}: ${issue.message}`);
    return 2;
  }
  const { train, test } = await loadMnist();
  const classifier = plugin.create(parsed.data);
  const result = await fitToEnd(
    classifier.fit(train, { evaluate: { data: test, every: 1 } }),
    (event) => {
      if (event.type === 'start') {
        console.log(`${event.description}`);
        console.log(`${event.numSamples} training / ${test.numSamples} test images`);
        for (const note of event.notes ?? []) console.log(`note: ${note}`);
      } else if (event.type === 'progress') {
        const train =
          event.trainAccuracy === undefined
            ? ''
            : `, train accuracy ${event.trainAccuracy.toFixed(4)}`;
        const heldOut = event.evaluation
          ? `, test accuracy ${event.evaluation.accuracy.toFixed(4)}`
          : '';
        console.log(
          `  ${event.unit} ${event.step}: loss ${event.objective?.toFixed(4)}${train}${heldOut}, fit ${(event.elapsedMs / 1000).toFixed(1)} s`,
        );
      }
    },
  );
  const accuracy = await classifier.score(test);
  classifier.dispose();
  console.log(`${result.message}`);
  if (result.warning) console.log(`warning: ${result.warning}`);
  console.log(`fit time ${result.fitSeconds.toFixed(1)} s (held-out evaluation excluded)`);
  console.log(`final test accuracy ${accuracy.toFixed(4)} (target ≥ ${TARGET})`);
  return accuracy >= TARGET ? 0 : 1;
}

process.exitCode = await main();
