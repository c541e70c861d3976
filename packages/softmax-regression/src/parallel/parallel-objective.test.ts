import { fitToEnd, type TrainingEvent } from '@digitlab/core';
import { gaussianBlobs, maxAbsDifference, seededRandom } from '@digitlab/core/testing';
import { sharedFloat32 } from '@digitlab/datasets';
import { type Layout, WorkerError } from '@digitlab/kernels/node';
import { type BackendName, useBackend } from '@digitlab/tfjs-backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalObjective } from '../local-objective.js';
import { softmaxRegression } from '../node/plugin.js';
import { expectSameSolution } from '../test-support/same-solution.js';
import {
  effectiveWorkerCount,
  GradientWorkers,
  MIN_ROWS_PER_WORKER,
  type ParallelObjective,
  startGradientWorkers,
} from './parallel-objective.js';

// 3 shards of 1,000 rows at least: large enough that workers are really used.
const train = gaussianBlobs({ perClass: 800, numClasses: 4, numFeatures: 12, seed: 5 });
const { numSamples: n, numFeatures: d, numClasses: k } = train;
const data = {
  features: train.features,
  labels: train.labels,
  numSamples: n,
  numFeatures: d,
  numClasses: k,
  C: 0.7,
};

function point(seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: d * k + k }, () => (random() * 2 - 1) * 0.3);
}

/** Start `workers` gradient workers and give them `shards` of the data. */
async function load(
  shards: typeof data,
  workers: number,
  backend: BackendName,
  layout: Layout,
): Promise<ParallelObjective> {
  const pool = await startGradientWorkers(workers, shards.numSamples, { backend, layout });
  if (!pool) throw new Error(`expected ${workers} workers to start for ${shards.numSamples} rows`);
  return pool.load(shards);
}

const open: ParallelObjective[] = [];
async function parallel(
  workers: number,
  backend: BackendName = 'cpu',
  layout: Layout = 'dense',
): Promise<ParallelObjective> {
  const objective = await load(data, workers, backend, layout);
  open.push(objective);
  return objective;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.dispose()));
});

beforeAll(async () => {
  await useBackend('cpu');
});

describe('effectiveWorkerCount', () => {
  it('uses this thread for 0 workers or data too small to shard', () => {
    expect(effectiveWorkerCount(0, 60_000)).toBe(0);
    expect(effectiveWorkerCount(2, MIN_ROWS_PER_WORKER - 1)).toBe(0);
  });
  it('caps workers so each shard has MIN_ROWS_PER_WORKER rows', () => {
    expect(effectiveWorkerCount(8, 2.5 * MIN_ROWS_PER_WORKER)).toBe(2);
    expect(effectiveWorkerCount(2, 60_000)).toBe(2);
    expect(effectiveWorkerCount(1, MIN_ROWS_PER_WORKER)).toBe(1);
  });
});

describe('ParallelObjective', () => {
  it.each([
    ['dense', 1],
    ['dense', 3],
    ['sparse', 1],
    ['sparse', 3],
  ] as const)(
    'agrees with the single-thread objective (%s layout, %i worker(s)), to float32 tolerance',
    async (layout, workers) => {
      const local = createLocalObjective(data, layout, 'cpu');
      const objective = await parallel(workers, 'cpu', layout);
      expect(objective.workerCount).toBe(workers);
      for (const seed of [1, 2]) {
        const x = point(seed);
        const expected = local.evaluate(x);
        const found = await objective.evaluate(x);
        expect(Math.abs(found.value - expected.value)).toBeLessThan(
          1e-6 * Math.max(1, Math.abs(expected.value)),
        );
        expect(maxAbsDifference(found.gradient, expected.gradient)).toBeLessThan(1e-6);
        expect(found.correct).toBe(expected.correct);
        expect(await objective.accuracy(x)).toBeCloseTo(local.accuracy(x), 12);
      }
      local.dispose();
    },
  );

  it('reads shards of features in shared memory in place, with the same result as copies', async () => {
    const shared = sharedFloat32(data.features.length);
    shared.set(data.features);
    const x = point(7);
    const copied = await (await parallel(2, 'cpu', 'sparse')).evaluate(x);
    const objective = await load({ ...data, features: shared }, 2, 'cpu', 'sparse');
    open.push(objective);
    const inPlace = await objective.evaluate(x);
    expect(inPlace.value).toBe(copied.value);
    expect(maxAbsDifference(inPlace.gradient, copied.gradient)).toBe(0);
    // Still the caller's: loading shared shards neither moved nor changed it.
    expect(shared.length).toBe(data.features.length);
    expect(maxAbsDifference(shared, data.features)).toBe(0);
  });

  it('agrees across worker counts on the wasm backend too', async () => {
    const x = point(3);
    const one = await (await parallel(1, 'wasm')).evaluate(x);
    const three = await (await parallel(3, 'wasm')).evaluate(x);
    expect(Math.abs(one.value - three.value)).toBeLessThan(1e-6);
    expect(maxAbsDifference(one.gradient, three.gradient)).toBeLessThan(1e-6);
  });

  it('creates no tensors on the calling thread', async () => {
    const before = tf.memory().numTensors;
    const objective = await parallel(2);
    await objective.evaluate(point(4));
    await objective.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(['dense', 'sparse'] as const)(
    'turns an error inside a worker into a WorkerError naming the worker (%s)',
    async (layout) => {
      const objective = await parallel(2, 'cpu', layout);
      const wrongLength = new Float64Array(d * k); // bias missing
      await expect(objective.evaluate(wrongLength)).rejects.toThrow(WorkerError);
      await expect(objective.evaluate(wrongLength)).rejects.toThrow(
        /gradient worker [12] of 2 failed: /,
      );
      // The pool is still usable after a request-level error.
      expect((await objective.evaluate(point(5))).gradient).toHaveLength(d * k + k);
    },
  );

  it('reports a worker that died, and refuses work after dispose', async () => {
    const objective = await parallel(2);
    const { pool } = objective as unknown as {
      pool: { workers: { terminate(): Promise<number> }[] };
    };
    const workers = pool.workers;
    await workers[1]?.terminate();
    await expect(objective.evaluate(point(6))).rejects.toThrow(
      /gradient worker 2 of 2 exited unexpectedly/,
    );
    await objective.dispose();
    const fresh = await parallel(1);
    await fresh.dispose();
    await expect(fresh.evaluate(point(6))).rejects.toThrow(/found them stopped by dispose\(\)/);
  });
});

describe('softmax regression with gradient workers', () => {
  const test = gaussianBlobs({
    perClass: 50,
    numClasses: 4,
    numFeatures: 12,
    seed: 9,
    split: 'test',
  });

  it('trains to the same solution with 0 and 2 workers and leaves no tensors behind', async () => {
    // Dense, so that the fit on this thread holds its training set in tensors.
    const plugin = softmaxRegression({ layout: 'dense' });
    const trainWith = async (workers: number) => {
      const classifier = plugin.create(
        plugin.options.parse({ backend: 'cpu', workers, maxIter: 30 }),
      );
      const events: string[] = [];
      const result = await fitToEnd(
        classifier.fit(train, { evaluate: { data: test, every: 10 } }),
        (e) => {
          if (e.type === 'start') events.push(e.description);
        },
      );
      return { classifier, result, description: events[0] ?? '' };
    };
    const before = tf.memory().numTensors;
    const single = await trainWith(0);
    const sharded = await trainWith(2);
    expect(sharded.description).toMatch(/with 2 gradient workers/);
    expect(single.description).not.toMatch(/gradient worker/);
    expect(sharded.result.steps).toBe(single.result.steps);
    expectSameSolution(sharded, single, { objective: 1e-5, coefficients: 1e-3 });
    expect(sharded.result.evaluation?.accuracy).toBeCloseTo(
      single.result.evaluation?.accuracy as number,
      2,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops its workers when the fit is aborted', async () => {
    const started: GradientWorkers[] = [];
    const start = GradientWorkers.start.bind(GradientWorkers);
    const spy = vi.spyOn(GradientWorkers, 'start').mockImplementation(async (...args) => {
      const pool = await start(...args);
      started.push(pool);
      return pool;
    });
    try {
      const plugin = softmaxRegression();
      const classifier = plugin.create(
        plugin.options.parse({ backend: 'cpu', workers: 2, maxIter: 200, tol: 1e-12 }),
      );
      const controller = new AbortController();
      let last: TrainingEvent | undefined;
      for await (const event of classifier.fit(train, { signal: controller.signal })) {
        last = event;
        if (event.type === 'progress' && event.step === 2) {
          // Still running here: the workers answer.
          await expect(
            started[0]?.broadcast({ type: 'accuracy', x: point(1) }),
          ).resolves.toHaveLength(2);
          controller.abort();
        }
      }
      expect(last).toMatchObject({ type: 'end', result: { stopReason: 'aborted', steps: 2 } });
      expect(started).toHaveLength(1);
      await expect(started[0]?.broadcast({ type: 'accuracy', x: point(1) })).rejects.toThrow(
        /found them stopped by dispose\(\)/,
      );
    } finally {
      spy.mockRestore();
    }
  });
});
