import { performance } from 'node:perf_hooks';
import type { ImageSet } from '@digitlab/core';
import { confusionMatrixFigure } from '../confusion-matrix-figure.js';
import type { Figure } from '../figure.js';
import { imageSetFigure } from '../image-set-figure.js';
import { learningCurvesFigure, type ProgressPoint } from '../learning-curves-figure.js';
import { misclassifiedFigure } from '../misclassified-figure.js';
import { perClassFigure } from '../per-class-figure.js';
import { renderPng } from '../render-png.js';

// Benchmark: each figure's SVG render and its PNG (scale 2) on MNIST-sized inputs: 10 classes,
// 28×28 images, a 500-step history, 36 misclassified digits picked from 10,000 held-out ones.
// Goal: ≤ 300 ms per figure, SVG and PNG together. Run with `pnpm build && pnpm bench`.
const K = 10;
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const HELD_OUT = 10_000;
const WARM_RUNS = 9;

/** A small deterministic generator (LCG), so every run draws the same figures. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const random = generator(12);

const counts = Array.from({ length: K * K }, (_, c) =>
  c % (K + 1) === 0 ? 850 + Math.floor(random() * 150) : Math.floor(random() * 40),
);

const history: ProgressPoint[] = Array.from({ length: 500 }, (_, i) => {
  const step = i + 1;
  const point: ProgressPoint = {
    step,
    objective: 1700 + 20_000 / step,
    gradientNorm: 1000 * 10 ** (-step / 80) * (1 + random()),
    trainAccuracy: 0.97 - 0.1 / step,
  };
  return step % 10 === 0 ? { ...point, testAccuracy: 0.905 - 0.02 / step } : point;
});

const coefficients: ImageSet = {
  name: 'coefficients',
  title: 'Coefficients per class',
  scale: 'diverging',
  shape: [SIDE, SIDE],
  images: Array.from({ length: K }, (_, k) => ({
    label: `Class ${k}`,
    values: Float32Array.from({ length: PIXELS }, () => (random() - 0.5) * 2),
  })),
};

const images = Float32Array.from({ length: HELD_OUT * PIXELS }, () =>
  random() < 0.2 ? random() : 0,
);
const trueLabels = Int32Array.from({ length: HELD_OUT }, (_, i) => i % K);
const predictedLabels = trueLabels.map((t) =>
  random() < 0.09 ? (t + 1 + Math.floor(random() * 9)) % K : t,
);
const confidence = Float64Array.from({ length: HELD_OUT }, () => 0.3 + 0.7 * random());

const scores = {
  precision: Array.from({ length: K }, () => 0.85 + 0.1 * random()),
  recall: Array.from({ length: K }, () => 0.85 + 0.1 * random()),
  f1: Array.from({ length: K }, () => 0.85 + 0.1 * random()),
};

const run = { model: 'softmax-regression', dataset: 'MNIST' };

const figures: ReadonlyArray<readonly [string, () => Promise<Figure | undefined>]> = [
  ['confusion-matrix', () => confusionMatrixFigure({ counts, run })],
  [
    'learning-curves',
    () =>
      learningCurvesFigure({
        history,
        unit: 'iteration',
        stop: { step: 500, reason: 'max-iter' },
        run,
      }),
  ],
  ['weights', () => imageSetFigure(coefficients, { run })],
  [
    'misclassified',
    () =>
      misclassifiedFigure(
        { images, shape: [SIDE, SIDE], trueLabels, predictedLabels, confidence, run },
        { limit: 36 },
      ),
  ],
  ['per-class', () => perClassFigure({ scores, run })],
];

interface Timing {
  readonly svg: number;
  readonly png: number;
}

async function timeOnce(draw: () => Promise<Figure | undefined>): Promise<Timing> {
  const t0 = performance.now();
  const figure = await draw();
  const t1 = performance.now();
  if (figure === undefined) throw new Error('the bench inputs must give a figure');
  renderPng(figure.svg, { scale: 2 });
  return { svg: t1 - t0, png: performance.now() - t1 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const ms = (value: number) => value.toFixed(0).padStart(6);

console.log(
  `figures: median of ${WARM_RUNS} warm renders (first render in the process apart), PNG at scale 2`,
);
console.log(
  `${'figure'.padEnd(18)}${'svg'.padStart(6)}${'png'.padStart(6)}${'total'.padStart(7)}${'max'.padStart(6)}${'first'.padStart(7)}`,
);
let worst = 0;
for (const [name, draw] of figures) {
  const first = await timeOnce(draw);
  const warm: Timing[] = [];
  for (let r = 0; r < WARM_RUNS; r++) warm.push(await timeOnce(draw));
  const svg = median(warm.map((t) => t.svg));
  const png = median(warm.map((t) => t.png));
  const total = median(warm.map((t) => t.svg + t.png));
  const max = Math.max(...warm.map((t) => t.svg + t.png));
  worst = Math.max(worst, total);
  console.log(
    `${name.padEnd(18)}${ms(svg)}${ms(png)}${ms(total).padStart(7)}${ms(max)}${ms(first.svg + first.png).padStart(7)}`,
  );
}
console.log(`slowest median: ${worst.toFixed(0)} ms per figure (goal ≤ 300 ms)`);
