/**
 * `pnpm bench`: the MLP at its defaults on full MNIST beside scikit-learn, in the same run.
 *
 *   node dist/bench/full-mnist.js [--rounds 3] [--batches 300]
 *
 * 1. Each product of one mini-batch step (200 rows, 784 → 128 → 10), median ms: the sparse
 *    kernel's parts, and the dense TensorFlow.js (wasm) products the dense layout runs.
 * 2. Full fits, alternating scikit-learn's `MLPClassifier(hidden_layer_sizes=(128,), max_iter=10)`
 *    (pixels / 255, `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3`; n/a without
 *    it) and digitlab's `mlp()` defaults (what `digitlab train --classifier mlp --full` fits; its
 *    fit time excludes loading and held-out evaluation), each in a fresh child process: fit
 *    seconds, test accuracy, the ratio, the load average; then min and median over the rounds.
 * The machine is shared: compare within a round, and read the load column.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fitToEnd } from '@digitlab/core';
import { bundledMnistDirectory, loadMnist, runPythonPeer } from '@digitlab/datasets/node';
import type { LayoutChoice } from '@digitlab/kernels';
import { adamStepConstants } from '@digitlab/optimizers';
import { softmaxResidualRows, useBackend } from '@digitlab/tfjs-backend';
import { glorotUniformParameters } from '../glorot-uniform.js';
import { MlpObjective } from '../mlp-objective.js';
import { PartWorkers } from '../parallel/part-workers.js';
import { ThreadedMlpAdam } from '../parallel/threaded-adam.js';
import { mlp } from '../plugin.js';
import { HIDDEN_VARIANTS, MlpKernel } from '../sparse/mlp-kernel.js';
import { SparseMlpObjective } from '../sparse/sparse-mlp-objective.js';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    layout: { type: 'string', default: 'auto' },
    rounds: { type: 'string', default: '3' },
    batches: { type: 'string', default: '300' },
  },
});

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

interface FitRow {
  readonly fitSeconds: number;
  /** CPU seconds of the fit, all threads (under load this says more than wall time). */
  readonly cpuSeconds: number;
  readonly testAccuracy: number;
  readonly note?: string;
}

/** One digitlab fit at the plugin's defaults (this runs in a child process). */
async function digitlabFit(layout: LayoutChoice): Promise<FitRow> {
  const { train, test } = await loadMnist();
  const plugin = mlp();
  const classifier = plugin.create(plugin.options.parse({ layout }));
  const before = process.cpuUsage();
  const result = await fitToEnd(classifier.fit(train));
  const used = process.cpuUsage(before);
  const testAccuracy = await classifier.score(test);
  classifier.dispose();
  return {
    fitSeconds: result.fitSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    testAccuracy,
  };
}

const PEER = `
import sys, time, warnings
import numpy as np
from sklearn.neural_network import MLPClassifier
from sklearn.exceptions import ConvergenceWarning
warnings.filterwarnings('ignore', category=ConvergenceWarning)
d = sys.argv[1]
def images(name, n):
    return np.fromfile(d + '/' + name, dtype=np.uint8, offset=16).reshape(n, 784) / 255.0
def labels(name):
    return np.fromfile(d + '/' + name, dtype=np.uint8, offset=8)
X, y = images('train-images-idx3-ubyte', 60000), labels('train-labels-idx1-ubyte')
Xt, yt = images('t10k-images-idx3-ubyte', 10000), labels('t10k-labels-idx1-ubyte')
t, c = time.perf_counter(), time.process_time()
model = MLPClassifier(hidden_layer_sizes=(128,), max_iter=10, random_state=0).fit(X, y)
seconds, cpu = time.perf_counter() - t, time.process_time() - c
kernel = 'unknown'
try:
    from threadpoolctl import threadpool_info
    blas = [i for i in threadpool_info() if i.get('user_api') == 'blas']
    kernel = ', '.join(f"{i.get('internal_api')} {i.get('architecture')} ({i.get('num_threads')} threads)" for i in blas)
except Exception:
    pass
print(f'{seconds} {cpu} {model.score(Xt, yt)} {kernel}')
`;

/** scikit-learn's fit on full MNIST, with OpenBLAS free to pick its own kernel. */
function peerFit(): FitRow | { error: string } {
  try {
    const out = runPythonPeer(['-c', PEER, bundledMnistDirectory()], { stderr: 'ignore' });
    const [seconds, cpu, accuracy, ...kernel] = out.trim().split(' ');
    return {
      fitSeconds: Number(seconds),
      cpuSeconds: Number(cpu),
      testAccuracy: Number(accuracy),
      note: kernel.join(' '),
    };
  } catch {
    return { error: 'scikit-learn not available for /usr/bin/python3' };
  }
}

function childFit(layout: string): FitRow {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [script, '--scenario', 'fit', '--layout', layout], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`the fit child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as FitRow;
}

/** Median ms of each part of `batches` mini-batch steps of 200 rows. */
async function measureProducts(batches: number): Promise<void> {
  const { train } = await loadMnist();
  const shape = { numFeatures: 784, hiddenUnits: 128, numClasses: 10 };
  const n = train.numSamples;
  const x = glorotUniformParameters(shape, 0);
  const size = 200;
  const batchAt = (b: number) =>
    Uint32Array.from({ length: size }, (_, i) => (b * size * 7919 + i * 7919) % n);
  const data = {
    ...shape,
    features: train.features,
    labels: train.labels,
    numSamples: n,
    alpha: 1e-4,
  };

  // The sparse kernel, part by part (a batch of 200 is one kernel block).
  const kernel = MlpKernel.fromMatrix(train.features, n, shape);
  const k = shape.numClasses;
  const residual = new Float32Array(size * k);
  const logitsK = new Float32Array(size * k);
  const bias2 = new Float64Array(k);
  const labels = new Uint8Array(size);
  const parts: Record<string, number[]> = {
    'load x': [],
    'X·W1 (sparse)': [],
    H·W2: [],
    softmax: [],
    'HᵀR, R·W2ᵀ': [],
    'Xᵀ·dZ1 (sparse)': [],
    gradient: [],
  };
  const time = (name: string, run: () => void) => {
    const t = performance.now();
    run();
    parts[name]?.push(performance.now() - t);
  };
  for (let b = 0; b < batches + 20; b++) {
    const batch = batchAt(b);
    for (let r = 0; r < size; r++) labels[r] = train.labels[batch[r] as number] as number;
    if (b === 20) for (const list of Object.values(parts)) list.length = 0;
    time('load x', () => {
      kernel.setParameters(x);
      kernel.stageBatch(batch);
    });
    time('X·W1 (sparse)', () => kernel.hiddenLayer('batch', 0, size));
    let padded: Float32Array = new Float32Array(0);
    time('H·W2', () => {
      padded = kernel.outputLayer(size);
    });
    time('softmax', () => {
      const ks = kernel.classStride;
      for (let r = 0; r < size; r++)
        for (let c = 0; c < k; c++) logitsK[r * k + c] = padded[r * ks + c] as number;
      bias2.fill(0);
      softmaxResidualRows(logitsK, labels, k, residual, bias2);
      for (let r = 0; r < size; r++)
        for (let c = 0; c < k; c++) padded[r * ks + c] = residual[r * k + c] as number;
    });
    time('HᵀR, R·W2ᵀ', () => kernel.backwardOutput(size));
    time('Xᵀ·dZ1 (sparse)', () => kernel.backwardHidden('batch', 0, size));
    // One block: the float32 sums are widened straight into the gradient with the penalty.
    time('gradient', () => kernel.gradient(bias2, 1e-4, size));
  }
  const sparse = SparseMlpObjective.create(data);
  const whole = (objective: { evaluateBatch(x: Float64Array, b: Uint32Array): unknown }) => {
    const times: number[] = [];
    for (let b = 0; b < batches + 20; b++) {
      const batch = batchAt(b);
      const t = performance.now();
      objective.evaluateBatch(x, batch);
      if (b >= 20) times.push(performance.now() - t);
    }
    return median(times);
  };
  const sparseStep = whole(sparse);
  const format = (entries: [string, number][]) =>
    entries.map(([name, ms]) => `${name} ${ms.toFixed(3)}`).join(', ');
  console.log(
    `Each product of one mini-batch step, 200 × 784 → 128 → 10 (median ms, load ${load()})`,
  );
  console.log(
    `  sparse kernel: ${format(Object.entries(parts).map(([name, t]) => [name, median(t)]))}; whole step ${sparseStep.toFixed(3)}`,
  );
  // X·W1 in each variant of the kernel (the kernel keeps the fastest it times on its first blocks).
  const variantTimes = HIDDEN_VARIANTS.map((name, v) => {
    kernel.hiddenChoice.keep(v);
    const times: number[] = [];
    for (let b = 0; b < batches + 20; b++) {
      kernel.stageBatch(batchAt(b));
      const t = performance.now();
      kernel.hiddenLayer('batch', 0, size);
      if (b >= 20) times.push(performance.now() - t);
    }
    return [name, median(times)] as [string, number];
  });
  const tuned = MlpKernel.fromMatrix(train.features, n, shape);
  tuned.setParameters(x);
  for (let b = 0; b < 200; b++) {
    tuned.stageBatch(batchAt(b));
    tuned.hiddenLayer('batch', 0, size);
  }
  const chosen = HIDDEN_VARIANTS[tuned.hiddenChoice.chosen ?? 0];
  console.log(`  X·W1 by variant: ${format(variantTimes)}; a new kernel chose ${chosen}`);

  // The threaded engine's whole step (gradient and float32 Adam), on this thread and split in parts.
  const engineStep = async (workers: number) => {
    const pool = workers > 0 ? await PartWorkers.start(workers) : undefined;
    const engine = await ThreadedMlpAdam.start({ ...data, batchSize: size }, pool);
    const zeros = new Float64Array(x.length);
    engine.load(x, zeros, zeros);
    const times: number[] = [];
    for (let b = 0; b < batches + 20; b++) {
      const batch = batchAt(b);
      const t = performance.now();
      engine.step(batch, adamStepConstants(0.9, 0.999, 1e-8, 1e-3, b + 1));
      if (b >= 20) times.push(performance.now() - t);
    }
    engine.stop();
    await pool?.terminate();
    return median(times);
  };
  const threads = Math.max(1, Math.min(2, availableParallelism()));
  const engineTimes: string[] = [];
  for (let parts = 1; parts <= threads; parts++) {
    engineTimes.push(
      `${parts} thread${parts > 1 ? 's' : ''} ${(await engineStep(parts - 1)).toFixed(3)}`,
    );
  }
  console.log(`  threaded engine (gradient + Adam): whole step ${engineTimes.join(', ')}`);

  // The dense layout's whole step on the wasm backend (its products one by one: pnpm bench:batch).
  await useBackend('wasm');
  const dense = new MlpObjective(data);
  const denseStep = whole({ evaluateBatch: (p, b) => dense.evaluateBatch(p, b) });
  console.log(`  dense, tfjs wasm: whole step ${denseStep.toFixed(3)}`);
}

async function main(): Promise<void> {
  if (values.scenario === 'fit') {
    console.log(JSON.stringify(await digitlabFit(values.layout as LayoutChoice)));
    process.exit(0);
  }
  console.log(
    `MLP on full MNIST — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
  );
  await measureProducts(Number(values.batches));
  console.log(
    '\nFull MNIST, 128 ReLU units, Adam, 10 epochs, batch 200 (fit seconds; test accuracy)',
  );
  const ours: FitRow[] = [];
  const peers: FitRow[] = [];
  for (let round = 1; round <= Number(values.rounds); round++) {
    const peer = peerFit();
    const startLoad = load();
    const mine = childFit(values.layout);
    ours.push(mine);
    const peerText =
      'error' in peer
        ? `scikit-learn n/a (${peer.error})`
        : `scikit-learn ${peer.fitSeconds.toFixed(2)} s (CPU ${peer.cpuSeconds.toFixed(1)} s), ${peer.testAccuracy.toFixed(4)}`;
    if (!('error' in peer)) peers.push(peer);
    const ratio = 'error' in peer ? 'n/a' : (mine.fitSeconds / peer.fitSeconds).toFixed(2);
    console.log(
      `round ${round} (load ${startLoad}): ${peerText}; digitlab ${mine.fitSeconds.toFixed(2)} s (CPU ${mine.cpuSeconds.toFixed(1)} s), ${mine.testAccuracy.toFixed(4)}; ratio ${ratio}` +
        (round === 1 && !('error' in peer) ? `\n  OpenBLAS: ${peer.note}` : ''),
    );
  }
  const summary = (rows: FitRow[]) => {
    const s = rows.map((r) => r.fitSeconds);
    const c = rows.map((r) => r.cpuSeconds);
    return `min ${Math.min(...s).toFixed(2)} s, median ${median(s).toFixed(2)} s; CPU min ${Math.min(...c).toFixed(1)} s, median ${median(c).toFixed(1)} s`;
  };
  if (ours.length === 0) return;
  console.log(`digitlab      ${summary(ours)}`);
  if (peers.length > 0) {
    console.log(`scikit-learn  ${summary(peers)}`);
    const ratios = ours.map((r, i) => r.fitSeconds / (peers[i]?.fitSeconds ?? Number.NaN));
    console.log(
      `ratio (same round) min ${Math.min(...ratios).toFixed(2)}, median ${median(ratios).toFixed(2)}`,
    );
  }
}

await main();
