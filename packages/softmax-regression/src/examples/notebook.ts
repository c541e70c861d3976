/**
 * Reproduces a scikit-learn notebook's experiment in TypeScript:
 * LogisticRegression(multi_class='multinomial', solver='lbfgs', C=1) on MNIST scaled to [0, 1].
 *
 *   node dist/examples/notebook.js [--backend cpu|wasm] [--layout auto|sparse|dense]
 *                                  [--protocol notebook|full|both]
 *
 * notebook: 1000 training images per class (seed 0), maxIter 500 (scikit-learn: 0.906, 390 iterations)
 * full:     all 60,000 training images, maxIter 100      (scikit-learn: 0.9258)
 */
import { parseArgs } from 'node:util';
import { fitToEnd } from '@digitlab/core';
import { type Dataset, loadMnist, stratifiedSubsample } from '@digitlab/datasets/node';
import { LAYOUT_CHOICES, type LayoutChoice } from '@digitlab/kernels';
import { BACKENDS, type BackendName } from '@digitlab/tfjs-backend';
import { softmaxRegression } from '../node/plugin.js';

const PROTOCOLS = ['notebook', 'full', 'both'] as const;

interface Protocol {
  readonly name: string;
  readonly train: (full: Dataset) => Dataset;
  readonly maxIter: number;
  readonly accept: (accuracy: number, converged: boolean) => boolean;
  readonly criterion: string;
}

const notebook: Protocol = {
  name: 'notebook (1000/class, maxIter 500)',
  train: (full) => stratifiedSubsample(full, 1000, 0),
  maxIter: 500,
  accept: (accuracy, converged) => accuracy >= 0.895 && accuracy <= 0.92 && converged,
  criterion: 'accuracy in [0.895, 0.92] and converged',
};

const full: Protocol = {
  name: 'full (60,000, maxIter 100)',
  train: (all) => all,
  maxIter: 100,
  accept: (accuracy) => accuracy >= 0.924,
  criterion: 'accuracy ≥ 0.924',
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string', default: 'wasm' },
      layout: { type: 'string', default: 'auto' },
      protocol: { type: 'string', default: 'both' },
    },
  });
  const backend = values.backend as BackendName;
  const protocol = values.protocol as (typeof PROTOCOLS)[number];
  const layout = values.layout as LayoutChoice;
  if (!BACKENDS.includes(backend)) {
    console.error(`--backend: expected one of ${BACKENDS.join(', ')}, found '${values.backend}'`);
    return 2;
  }
  if (!LAYOUT_CHOICES.includes(layout)) {
    console.error(
      `--layout: expected one of ${LAYOUT_CHOICES.join(', ')}, found '${values.layout}'`,
    );
    return 2;
  }
  if (!PROTOCOLS.includes(protocol)) {
    console.error(
      `--protocol: expected one of ${PROTOCOLS.join(', ')}, found '${values.protocol}'`,
    );
    return 2;
  }
  const { train, test } = await loadMnist();
  const chosen =
    protocol === 'both' ? [notebook, full] : protocol === 'notebook' ? [notebook] : [full];
  const plugin = softmaxRegression({ backend, layout });
  let failures = 0;
  for (const p of chosen) {
    const data = p.train(train);
    const classifier = plugin.create(plugin.options.parse({ C: 1, maxIter: p.maxIter }));
    console.log(`\n${p.name} on ${backend}, layout ${layout}: ${data.numSamples} training samples`);
    const result = await fitToEnd(classifier.fit(data), (event) => {
      if (event.type === 'progress' && event.step % 25 === 0) {
        console.log(
          `  iteration ${event.step}: objective ${event.objective?.toFixed(6)}, max|g| ${event.gradientNorm?.toExponential(2)}, ` +
            `train accuracy ${event.trainAccuracy?.toFixed(4)}, ${(event.elapsedMs / 1000).toFixed(1)} s`,
        );
      }
    });
    const accuracy = await classifier.score(test);
    const ok = p.accept(accuracy, result.converged);
    if (!ok) failures++;
    console.log(
      `  test accuracy ${accuracy.toFixed(4)} | iterations ${result.steps} | evaluations ${result.evaluations} | ` +
        `fit ${result.fitSeconds.toFixed(1)} s | stop ${result.stopReason} (converged: ${result.converged})`,
    );
    console.log(`  ${result.message}`);
    if (result.warning) console.log(`  warning: ${result.warning}`);
    console.log(`  ${ok ? 'PASS' : 'FAIL'}: ${p.criterion}`);
    classifier.dispose();
  }
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
