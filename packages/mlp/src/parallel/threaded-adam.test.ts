import { maxAbsDifference } from '@digitlab/core/testing';
import { seededRandom } from '@digitlab/datasets';
import { liveWorkerCount } from '@digitlab/kernels/node';
import { adamStepConstants, minimizeAdam } from '@digitlab/optimizers';
import { afterEach, describe, expect, it } from 'vitest';
import { glorotUniformParameters } from '../glorot-uniform.js';
import { parameterOffsets } from '../mlp-parameters.js';
import { SparseMlpObjective } from '../sparse/sparse-mlp-objective.js';
import { PartWorkers } from './part-workers.js';
import { ThreadedMlpAdam } from './threaded-adam.js';

/** n×d with about 40 % of the entries nonzero, labels from the features (learnable). */
function problem(n: number, seed = 5) {
  const random = seededRandom(seed);
  // 13 hidden units and 3 classes: neither fills whole 4-lane vectors.
  const shape = { numFeatures: 30, hiddenUnits: 13, numClasses: 3 };
  const d = shape.numFeatures;
  const features = Float32Array.from({ length: n * d }, () => (random() < 0.4 ? random() : 0));
  const labels = Uint8Array.from({ length: n }, (_, i) => {
    const row = features.subarray(i * d, (i + 1) * d);
    return (row[0]! + row[1]! > row[2]! + row[3]! ? 1 : 0) + (row[4]! > 0.5 ? 1 : 0);
  });
  const data = { ...shape, features, labels, numSamples: n, alpha: 0.01, batchSize: 32 };
  return { shape, data, x0: glorotUniformParameters(shape, seed) };
}

const adamOptions = (n: number) => ({
  numSamples: n,
  batchSize: 32,
  epochs: 4,
  learningRate: 0.01,
  seed: 2,
});

const relative = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i] as number));
  return maxAbsDifference(a, b) / scale;
};

let started: PartWorkers[] = [];
async function partWorkers(count: number): Promise<PartWorkers> {
  const workers = await PartWorkers.start(count);
  started.push(workers);
  return workers;
}

afterEach(async () => {
  await Promise.all(started.map((w) => w.terminate()));
  started = [];
  expect(liveWorkerCount()).toBe(0);
});

/** `steps` steps of the engine over fixed batches, then its point. */
function run(engine: ThreadedMlpAdam, x0: Float64Array, steps: number, from = 0): Float64Array {
  const n = x0.length;
  if (from === 0) engine.load(x0, new Float64Array(n), new Float64Array(n));
  for (let t = from + 1; t <= from + steps; t++) {
    const batch = Uint32Array.from({ length: 32 }, (_, i) => (t * 37 + i * 11) % 400);
    const outcome = engine.step(batch, adamStepConstants(0.9, 0.999, 1e-8, 0.01, t));
    expect(outcome.finite).toBe(true);
  }
  const x = new Float64Array(n);
  engine.save(x, new Float64Array(n), new Float64Array(n));
  return x;
}

describe('ThreadedMlpAdam', () => {
  it('on one thread follows float64 Adam on the sparse objective to float32 accuracy', async () => {
    const { data, x0 } = problem(400);
    const objective = SparseMlpObjective.create(data);
    const reference = await minimizeAdam(
      (x, batch) => objective.evaluateBatch(x, batch),
      x0,
      adamOptions(400),
    );
    const engine = await ThreadedMlpAdam.start(data);
    expect(engine.parts).toBe(1);
    const threaded = await minimizeAdam(() => Promise.reject(new Error('unused')), x0, {
      ...adamOptions(400),
      engine,
    });
    expect(threaded.steps).toBe(reference.steps);
    // Float32 moments and updates against float64 ones, over 52 steps.
    expect(relative(threaded.x, reference.x)).toBeLessThan(1e-4);
    expect(Math.abs(threaded.loss - reference.loss) / reference.loss).toBeLessThan(1e-4);
    // And it learned: the loss fell well below its start.
    expect(threaded.loss).toBeLessThan(0.8 * objective.evaluate(x0).value);
    engine.stop();
  });

  it('splits the hidden units over threads with the same result, the same bits every run', async () => {
    const { data, x0 } = problem(400);
    const alone = run(await ThreadedMlpAdam.start(data), x0, 30);
    const runs: Float64Array[] = [];
    for (const workers of [1, 2, 2]) {
      const engine = await ThreadedMlpAdam.start(data, await partWorkers(workers));
      expect(engine.parts).toBe(workers + 1);
      runs.push(run(engine, x0, 30));
      engine.stop();
    }
    // Partial logits summed in another order than one thread's: float32 rounding apart.
    expect(relative(runs[0]!, alone)).toBeLessThan(1e-5);
    expect(relative(runs[1]!, alone)).toBeLessThan(1e-5);
    expect(Array.from(runs[2]!)).toEqual(Array.from(runs[1]!));
  });

  it('compresses a training set on shared memory in shares, one per thread, to the same steps', async () => {
    const { data, x0 } = problem(401);
    const shared = new Float32Array(new SharedArrayBuffer(4 * data.features.length));
    shared.set(data.features);
    const onShared = { ...data, features: shared };
    const ends: Float64Array[] = [];
    // Each share in room for all its values, or (room set aside only up to 0 bytes) counted first,
    // this thread counting one share and each worker another.
    for (const [set, workers, uncountedRoomBytes] of [
      [data, 1, undefined],
      [onShared, 1, undefined],
      [onShared, 2, undefined],
      [onShared, 1, 0],
      [onShared, 2, 0],
    ] as const) {
      const engine = await ThreadedMlpAdam.start(set, await partWorkers(workers), {
        ...(uncountedRoomBytes === undefined ? {} : { uncountedRoomBytes }),
      });
      ends.push(run(engine, x0, 25));
      engine.stop();
    }
    // Compressed by this thread alone or in two shares: the same rows, so the same bits.
    expect(Array.from(ends[1]!)).toEqual(Array.from(ends[0]!));
    // Three shares (and three parts): the rows joined right, within the split's rounding.
    expect(relative(ends[2]!, ends[0]!)).toBeLessThan(1e-5);
    // Counted shares: the same rows as uncounted ones, so the same bits.
    expect(Array.from(ends[3]!)).toEqual(Array.from(ends[1]!));
    expect(Array.from(ends[4]!)).toEqual(Array.from(ends[2]!));
  });

  it('saves and loads point and moments across threads: a reloaded engine continues exactly', async () => {
    const { data, x0 } = problem(400);
    const n = x0.length;
    const whole = await ThreadedMlpAdam.start(data, await partWorkers(1));
    const end = run(whole, x0, 20);
    whole.stop();

    const first = await ThreadedMlpAdam.start(data, await partWorkers(1));
    run(first, x0, 12);
    const saved = { x: new Float64Array(n), m: new Float64Array(n), v: new Float64Array(n) };
    first.save(saved.x, saved.m, saved.v);
    // The point alone, from both parts, is the point a full save reads.
    const point = new Float64Array(n).fill(Number.NaN);
    first.savePoint(point);
    expect(Array.from(point)).toEqual(Array.from(saved.x));
    first.stop();
    expect(saved.m.some((v) => v !== 0)).toBe(true);
    const second = await ThreadedMlpAdam.start(data, await partWorkers(2));
    second.load(saved.x, saved.m, saved.v);
    // Another split (3 parts instead of 2) is another rounding of the logits; the same split is exact.
    const third = await ThreadedMlpAdam.start(data, await partWorkers(1));
    third.load(saved.x, saved.m, saved.v);
    expect(Array.from(run(third, x0, 8, 12))).toEqual(Array.from(end));
    expect(relative(run(second, x0, 8, 12), end)).toBeLessThan(1e-5);
    second.stop();
    third.stop();
  });

  it('leaves the point where it was when a batch holds a non-finite value', async () => {
    const { data, x0 } = problem(400);
    data.features[5 * data.numFeatures + 3] = Number.POSITIVE_INFINITY;
    const engine = await ThreadedMlpAdam.start(data, await partWorkers(1));
    const n = x0.length;
    engine.load(x0, new Float64Array(n), new Float64Array(n));
    const outcome = engine.step(
      Uint32Array.of(1, 5, 9),
      adamStepConstants(0.9, 0.999, 1e-8, 0.01, 1),
    );
    expect(outcome.finite).toBe(false);
    const x = new Float64Array(n);
    const m = new Float64Array(n);
    engine.save(x, m, new Float64Array(n));
    expect(Array.from(x)).toEqual(Array.from(x0, Math.fround));
    expect(m.every((v) => v === 0)).toBe(true);
    // The next finite batch steps from there as if the bad one had not been.
    expect(
      engine.step(Uint32Array.of(1, 9), adamStepConstants(0.9, 0.999, 1e-8, 0.01, 1)).finite,
    ).toBe(true);
    engine.stop();
  });

  it('refuses a batch larger than it was sized for', async () => {
    const { data } = problem(400);
    const engine = await ThreadedMlpAdam.start(data);
    const constants = adamStepConstants(0.9, 0.999, 1e-8, 0.01, 1);
    expect(() => engine.step(new Uint32Array(33), constants)).toThrow(
      'ThreadedMlpAdam.step: expected at most 32 rows, found 33',
    );
    expect(parameterOffsets(data).length).toBe(engine.dimension);
  });
});
