import { parseArgs } from 'node:util';
import { fitToEnd } from '@digitlab/core';
import { type Dataset, loadMnist, stratifiedSubsample, subset } from '@digitlab/datasets/node';
import { BACKENDS, type BackendName } from '@digitlab/tfjs-backend';
import { knn } from '../plugin.js';

// Benchmark: index MNIST training images and predict the test images, per backend. The cpu
// backend's matrix product does roughly 0.2 billion multiply-adds per second, which puts 60,000
// training × 10,000 test images near 40 minutes, so cpu defaults to a stratified 10,000-image
// training subset; pass --train to override.
const DEFAULT_TRAIN: Record<BackendName, number> = { cpu: 10_000, wasm: 60_000 };

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: BACKENDS.join(',') },
    train: { type: 'string' },
    test: { type: 'string', default: '10000' },
    k: { type: 'string', default: '3' },
    'batch-size': { type: 'string', default: '256' },
  },
});

function trainingSet(train: Dataset, size: number): Dataset {
  if (size >= train.numSamples) return train;
  // MNIST's classes are close to balanced, so size/10 images per class keeps the sample representative.
  return stratifiedSubsample(train, Math.floor(size / train.numClasses), 0);
}

const backends = (values.backend ?? '').split(',') as BackendName[];
for (const b of backends) {
  if (!BACKENDS.includes(b)) throw new Error(`--backend: expected cpu and/or wasm, found '${b}'`);
}
const k = Number(values.k);
const batchSize = Number(values['batch-size']);
const { train, test: fullTest } = await loadMnist();
const testSize = Math.min(Number(values.test), fullTest.numSamples);
const test =
  testSize < fullTest.numSamples
    ? subset(
        fullTest,
        Array.from({ length: testSize }, (_, i) => i),
      )
    : fullTest;
const plugin = knn();

console.log(
  `knn on bundled MNIST: k=${k}, uniform weights, batchSize=${batchSize}, ${testSize} test images`,
);
for (const backend of backends) {
  const data = trainingSet(train, Number(values.train ?? DEFAULT_TRAIN[backend]));
  const classifier = plugin.create(plugin.options.parse({ k, batchSize, backend }));
  const result = await fitToEnd(classifier.fit(data));
  const start = performance.now();
  const predictions = await classifier.predict(test.features);
  const seconds = (performance.now() - start) / 1000;
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === test.labels[i]) correct++;
  console.log(
    `${backend.padEnd(4)} train ${data.numSamples}: indexing ${result.fitSeconds.toFixed(2)} s, ` +
      `predicting ${testSize} in ${seconds.toFixed(1)} s (${((seconds * 1000) / testSize).toFixed(2)} ms/image), ` +
      `accuracy ${(correct / testSize).toFixed(4)}`,
  );
  classifier.dispose();
}
