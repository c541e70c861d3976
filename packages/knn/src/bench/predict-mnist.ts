/**
 * `pnpm bench`: the whole k-NN run on the bundled MNIST — fit (indexing) plus predicting the test
 * images against all 60,000 training images — side by side with scikit-learn's
 * `KNeighborsClassifier(algorithm='brute')` fit + predict at the same k, alternating, repeated.
 * Prints seconds, accuracy, the share of predictions identical to scikit-learn's and the time
 * ratio for each round, then min and median, with the load average (this machine is shared).
 *
 * `node dist/bench/predict-mnist.js [--algorithm projection|brute] [--workers N] [--backend wasm] [--batch-size 256]
 * [--k 5] [--test 10000] [--train 60000] [--repeats 3] [--sklearn-dtype float32|float64] [--no-sklearn]`
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fitToEnd } from '@digitlab/core';
import {
  bundledMnistDirectory,
  type Dataset,
  loadMnist,
  runPythonPeer,
  stratifiedSubsample,
  subset,
} from '@digitlab/datasets/node';
import type { BackendChoice } from '@digitlab/tfjs-backend';
import type { Algorithm } from '../options.js';
import { DEFAULT_OPTIONS } from '../options.js';
import { knn } from '../plugin.js';

const { values } = parseArgs({
  options: {
    algorithm: { type: 'string', default: 'projection' },
    workers: { type: 'string', default: String(DEFAULT_OPTIONS.workers) },
    backend: { type: 'string', default: 'auto' },
    'batch-size': { type: 'string', default: String(DEFAULT_OPTIONS.batchSize) },
    k: { type: 'string', default: '5' },
    test: { type: 'string', default: '10000' },
    train: { type: 'string', default: '60000' },
    repeats: { type: 'string', default: '3' },
    'sklearn-dtype': { type: 'string', default: 'float32' },
    'no-sklearn': { type: 'boolean', default: false },
  },
});

/** scikit-learn's side: the same pixels (uint8 / 255 in float32), fit + predict timed together. */
const PEER = `
import sys, time, json, numpy as np
from sklearn.neighbors import KNeighborsClassifier
d, k, n_train, n_test, dtype, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
def images(name, n):
    return (np.fromfile(d + '/' + name, dtype=np.uint8, offset=16).reshape(-1, 784)[:n].astype(np.float32) / np.float32(255)).astype(dtype)
def labels(name, n):
    return np.fromfile(d + '/' + name, dtype=np.uint8, offset=8)[:n]
X, y = images('train-images-idx3-ubyte', n_train), labels('train-labels-idx1-ubyte', n_train)
Q, t = images('t10k-images-idx3-ubyte', n_test), labels('t10k-labels-idx1-ubyte', n_test)
start = time.perf_counter()
p = KNeighborsClassifier(n_neighbors=k, algorithm='brute').fit(X, y).predict(Q)
seconds = time.perf_counter() - start
p.astype(np.uint8).tofile(out)
try:
    from threadpoolctl import threadpool_info
    blas = ', '.join(f"{i.get('internal_api')} {i.get('architecture')} x{i.get('num_threads')}" for i in threadpool_info())
except Exception as e:
    blas = 'unknown (' + type(e).__name__ + ')'
print(json.dumps({'seconds': seconds, 'accuracy': float((p == t).mean()), 'blas': blas}))
`;

interface Run {
  readonly seconds: number;
  readonly accuracy: number;
}

interface PeerRun extends Run {
  readonly predictions: Uint8Array;
  readonly blas: string;
}

function trainingSet(train: Dataset, size: number): Dataset {
  if (size >= train.numSamples) return train;
  // MNIST's classes are close to balanced: size/10 images per class keeps the sample representative.
  return stratifiedSubsample(train, Math.floor(size / train.numClasses), 0);
}

async function digitlab(
  train: Dataset,
  test: Dataset,
): Promise<Run & { predictions: Int32Array; fitSeconds: number }> {
  const plugin = knn();
  const classifier = plugin.create(
    plugin.options.parse({
      k: Number(values.k),
      algorithm: values.algorithm as Algorithm,
      workers: Number(values.workers),
      backend: values.backend as BackendChoice,
      batchSize: Number(values['batch-size']),
    }),
  );
  const start = performance.now();
  const result = await fitToEnd(classifier.fit(train));
  const predictions = await classifier.predict(test.features);
  const seconds = (performance.now() - start) / 1000;
  classifier.dispose();
  let correct = 0;
  for (let i = 0; i < predictions.length; i++) if (predictions[i] === test.labels[i]) correct++;
  return {
    seconds,
    fitSeconds: result.fitSeconds,
    accuracy: correct / test.numSamples,
    predictions,
  };
}

function sklearn(trainSize: number, testSize: number): PeerRun | string {
  if (values['no-sklearn']) return 'skipped (--no-sklearn)';
  const dir = mkdtempSync(join(tmpdir(), 'knn-bench-'));
  const out = join(dir, 'predictions.u8');
  try {
    const args = [
      bundledMnistDirectory(),
      values.k ?? '5',
      String(trainSize),
      String(testSize),
      values['sklearn-dtype'] ?? 'float32',
      out,
    ];
    const stdout = runPythonPeer(['-c', PEER, ...args]);
    const row = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Omit<
      PeerRun,
      'predictions'
    >;
    return { ...row, predictions: new Uint8Array(readFileSync(out)) };
  } catch (error) {
    const message = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1);
    return `n/a (${message || (error as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const { train: fullTrain, test: fullTest } = await loadMnist();
const train = trainingSet(fullTrain, Number(values.train));
const testSize = Math.min(Number(values.test), fullTest.numSamples);
const test =
  testSize < fullTest.numSamples
    ? subset(
        fullTest,
        Array.from({ length: testSize }, (_, i) => i),
      )
    : fullTest;
const repeats = Number(values.repeats);
console.log(
  `knn on bundled MNIST: k=${values.k}, uniform weights, ${train.numSamples} training × ${testSize} test images; ` +
    `digitlab algorithm=${values.algorithm} workers=${values.workers}; scikit-learn KNeighborsClassifier(algorithm='brute') on ${values['sklearn-dtype']}; ` +
    `${repeats} rounds, alternating`,
);
const ours: number[] = [];
const theirs: number[] = [];
const ratios: number[] = [];
for (let round = 1; round <= repeats; round++) {
  const before = load();
  const d = await digitlab(train, test);
  ours.push(d.seconds);
  const p = sklearn(train.numSamples, testSize);
  let peer = typeof p === 'string' ? `scikit-learn ${p}` : '';
  if (typeof p !== 'string') {
    theirs.push(p.seconds);
    ratios.push(d.seconds / p.seconds);
    let same = 0;
    for (let i = 0; i < testSize; i++) if (d.predictions[i] === p.predictions[i]) same++;
    peer =
      `scikit-learn ${p.seconds.toFixed(2)} s, accuracy ${p.accuracy.toFixed(4)} (${p.blas}); ` +
      `identical predictions ${((100 * same) / testSize).toFixed(2)} %; ratio ${(d.seconds / p.seconds).toFixed(3)}`;
  }
  console.log(
    `round ${round}: digitlab ${d.seconds.toFixed(2)} s (fit ${d.fitSeconds.toFixed(2)} s), accuracy ${d.accuracy.toFixed(4)}; ${peer}; load ${before} → ${load()}`,
  );
}
const summary = (xs: number[], unit = ' s') =>
  xs.length
    ? `min ${Math.min(...xs).toFixed(2)}${unit}, median ${median(xs).toFixed(2)}${unit}`
    : 'n/a';
console.log(`digitlab:     ${summary(ours)}`);
console.log(`scikit-learn: ${summary(theirs)}`);
console.log(`ratio:        ${summary(ratios, '')} (digitlab ÷ scikit-learn, same round)`);
