/**
 * `pnpm bench`: tune softmax regression's C by 5-fold CV on the notebook protocol (1000 training
 * images per class, seed 0) and run scikit-learn's LogisticRegressionCV on the same rows and folds,
 * side by side, alternating, `--repeats` times: scores per C, the best C, and wall times.
 *
 *   node dist/bench/tune-vs-sklearn.js [--per-class 1000] [--max-iter 100] [--tol 1e-4] [--repeats 1] [--no-peer]
 *
 * maxIter 100 is LogisticRegressionCV's default; the notebook's single fit uses 500.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadMnist, runPythonPeer, stratifiedSubsample } from '@digitlab/datasets/node';
import { softmaxRegression } from '@digitlab/softmax-regression/node';
import { workerRunner } from '../node/worker-runner.js';
import { tune } from '../tune.js';
import type { TuningResult } from '../tuning-event.js';

const CS = [0.001, 0.01, 0.1, 1, 10, 100];

interface PeerResult {
  readonly wall_seconds: number;
  readonly mean_scores: number[];
  readonly std_scores: number[];
  readonly best_C: number;
  readonly n_iter: number[][];
}

const { values } = parseArgs({
  // `pnpm bench -- --max-iter 500` passes the `--` on.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    'per-class': { type: 'string', default: '1000' },
    'max-iter': { type: 'string', default: '100' },
    tol: { type: 'string', default: '1e-4' },
    repeats: { type: 'string', default: '1' },
    'no-peer': { type: 'boolean', default: false },
  },
});
const perClass = Number(values['per-class']);
const maxIter = Number(values['max-iter']);
const tol = Number(values.tol);
const repeats = Number(values.repeats);

const { train: full } = await loadMnist();
const train = stratifiedSubsample(full, perClass, 0);
const dir = mkdtempSync(join(tmpdir(), 'digitlab-tune-bench-'));
const f = train.features;
writeFileSync(join(dir, 'x.f32'), new Uint8Array(f.buffer, f.byteOffset, f.byteLength));
writeFileSync(join(dir, 'y.u8'), train.labels);

const require = createRequire(import.meta.url);
const source = {
  module: pathToFileURL(require.resolve('@digitlab/softmax-regression/node')).href,
  export: 'softmaxRegression',
};
const plugin = softmaxRegression();

async function ours(): Promise<TuningResult> {
  const generator = tune({
    plugin,
    grid: { C: CS },
    base: { maxIter, tol },
    train,
    folds: 5,
    refit: false,
    runner: workerRunner({ source }),
  });
  for (;;) {
    const next = await generator.next();
    if (next.done) return next.value;
  }
}

function peer(): PeerResult | string {
  const script = fileURLToPath(new URL('../../bench/logistic-regression-cv.py', import.meta.url));
  const args = [script, dir, String(train.numFeatures), CS.join(','), String(maxIter), String(tol)];
  try {
    return JSON.parse(runPythonPeer(args)) as PeerResult;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    return `n/a (${(stderr || (error as Error).message).trim().split('\n').at(-1)})`;
  }
}

console.log(
  `notebook protocol: ${train.numSamples} MNIST training images (${perClass}/class, seed 0), 5 stratified folds, C ∈ {${CS.join(', ')}}, maxIter ${maxIter}, tol ${tol}`,
);
const walls: { ours: number[]; peer: number[] } = { ours: [], peer: [] };
let last: { ours: TuningResult; peer: PeerResult | string } | undefined;
for (let r = 0; r < repeats; r++) {
  const mine = await ours();
  walls.ours.push(mine.wallSeconds);
  const theirs = values['no-peer'] ? 'n/a (--no-peer)' : peer();
  if (typeof theirs !== 'string') walls.peer.push(theirs.wall_seconds);
  last = { ours: mine, peer: theirs };
  console.log(
    `run ${r + 1}: digitlab tune ${mine.wallSeconds.toFixed(1)} s, LogisticRegressionCV ${typeof theirs === 'string' ? theirs : `${theirs.wall_seconds.toFixed(1)} s`}`,
  );
}
rmSync(dir, { recursive: true, force: true });
if (last) {
  const { ours: mine, peer: theirs } = last;
  console.log('\n       C   digitlab mean ± std   sklearn mean ± std    |Δ mean|');
  mine.settings.forEach((s, i) => {
    const C = String(CS[i]).padStart(8);
    const a = `${s.meanScore.toFixed(4)} ± ${s.stdScore.toFixed(4)}`;
    if (typeof theirs === 'string') {
      console.log(`${C}   ${a}`);
      return;
    }
    const m = theirs.mean_scores[i] as number;
    const b = `${m.toFixed(4)} ± ${(theirs.std_scores[i] as number).toFixed(4)}`;
    console.log(`${C}   ${a}      ${b}       ${Math.abs(s.meanScore - m).toFixed(4)}`);
  });
  console.log(
    `best C: digitlab ${String(mine.best?.params.C)}${typeof theirs === 'string' ? '' : `, sklearn ${theirs.best_C}`}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const summary = (xs: number[]) =>
  `min ${Math.min(...xs).toFixed(1)} s, median ${median(xs).toFixed(1)} s`;
console.log(`\nwall: digitlab tune ${summary(walls.ours)}`);
if (walls.peer.length > 0) {
  console.log(`wall: LogisticRegressionCV ${summary(walls.peer)}`);
  console.log(
    `ratio (min/min): ${(Math.min(...walls.ours) / Math.min(...walls.peer)).toFixed(3)} (goal ≤ 0.5)`,
  );
}
