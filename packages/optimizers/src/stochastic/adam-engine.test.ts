import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import type { MiniBatchObjective } from '../objective.js';
import { StopReason } from '../stop-reason.js';
import { leastSquaresBatchObjective, makeLeastSquares } from '../test-support/least-squares.js';
import { adam, minimizeAdam } from './adam.js';
import { type AdamEngine, adamStepConstants } from './adam-engine.js';
import type { AdamState } from './stochastic-state.js';

/**
 * An engine in plain float64 that does what `adam` does without one: the objective's gradient at
 * its own point, then Adam's update with the constants it is given, entry by entry.
 */
function referenceEngine(objective: MiniBatchObjective, n: number): AdamEngine & { loads: number } {
  let x = new Float64Array(n);
  let m = new Float64Array(n);
  let v = new Float64Array(n);
  const engine = {
    dimension: n,
    loads: 0,
    load(x0: Float64Array, m0: Float64Array, v0: Float64Array) {
      x = x0.slice();
      m = m0.slice();
      v = v0.slice();
      engine.loads++;
    },
    step(batch: Uint32Array, c: ReturnType<typeof adamStepConstants>) {
      const { value, gradient } = objective(x.slice(), batch) as {
        value: number;
        gradient: Float64Array;
      };
      let normInf = 0;
      let sumOfSquares = 0;
      let finite = Number.isFinite(value);
      for (const g of gradient) {
        finite &&= Number.isFinite(g);
        normInf = Math.max(normInf, Math.abs(g));
        sumOfSquares += g * g;
      }
      if (finite) {
        for (let i = 0; i < n; i++) {
          const g = gradient[i]!;
          m[i] = c.keep1 * m[i]! + c.take1 * g;
          v[i] = c.keep2 * v[i]! + c.take2 * g * g;
          x[i]! -= (c.stepScale * m[i]!) / (Math.sqrt(v[i]!) * c.rootScale + c.epsilon);
        }
      }
      return { value, finite, normInf, sumOfSquares };
    },
    save(xo: Float64Array, mo: Float64Array, vo: Float64Array) {
      xo.set(x);
      mo.set(m);
      vo.set(v);
    },
  };
  return engine;
}

const problem = makeLeastSquares(120, 7, 0.3, 11);
const objective = leastSquaresBatchObjective(problem);
const x0 = new Float64Array(7).fill(0.25);
const options = { numSamples: 120, batchSize: 16, epochs: 6, learningRate: 0.05, seed: 3 };

describe('adam with an AdamEngine', () => {
  it('takes the same steps, bit for bit, as adam applying the update itself', async () => {
    const own = await minimizeAdam(objective, x0, options);
    const engine = referenceEngine(objective, 7);
    const driven = await minimizeAdam(
      () => {
        throw new Error('with an engine, adam never calls the objective');
      },
      x0,
      { ...options, engine },
    );
    expect(Array.from(driven.x)).toEqual(Array.from(own.x));
    expect(driven.loss).toBe(own.loss);
    expect(driven.steps).toBe(own.steps);
    expect(driven.state.buffers).toEqual(own.state.buffers);
    expect(engine.loads).toBe(1);
  });

  it('reports the point of every epoch and continues exactly from a saved state', async () => {
    const whole = await minimizeAdam(objective, x0, options);
    const firstHalf = adam(objective, x0, { ...options, engine: referenceEngine(objective, 7) });
    let saved: AdamState | undefined;
    for await (const p of firstHalf) {
      if (p.epoch === 3) {
        saved = p.saveState();
        break;
      }
    }
    const resumed = await minimizeAdam(objective, saved!, {
      ...options,
      engine: referenceEngine(objective, 7),
    });
    expect(Array.from(resumed.x)).toEqual(Array.from(whole.x));
    expect(resumed.state.buffers.t).toBe(whole.state.buffers.t);
  });

  it('reads only the point after an epoch from an engine that can, and the moments only for a saved state', async () => {
    const calls: string[] = [];
    const inner = referenceEngine(objective, 7);
    const engine: AdamEngine = {
      dimension: 7,
      load: (x, m, v) => inner.load(x, m, v),
      step: (batch, c) => inner.step(batch, c),
      save(x, m, v) {
        calls.push('save');
        inner.save(x, m, v);
      },
      savePoint(x) {
        calls.push('point');
        inner.save(x, new Float64Array(7), new Float64Array(7));
      },
    };
    const own = adam(objective, x0, options);
    const run = adam(objective, x0, { ...options, engine });
    for await (const p of run) {
      const reference = (await own.next()).value as { x: Float64Array; saveState(): AdamState };
      // Each epoch's point comes from savePoint; reading it twice costs one export.
      expect(Array.from(p.x)).toEqual(Array.from(reference.x));
      expect(Array.from(p.x)).toEqual(Array.from(reference.x));
      expect(calls.splice(0)).toEqual(['point']);
      if (p.epoch === 2) {
        // A saved state needs the moments: one full export, and it is the state adam's own holds.
        const { elapsedMs: _a, ...state } = p.saveState();
        const { elapsedMs: _b, ...expected } = reference.saveState();
        expect(state).toEqual(expected);
        expect(calls.splice(0)).toEqual(['save']);
      }
    }
  });

  it('builds the end state only when it is read, from what it took over from the engine at the end', async () => {
    const inner = referenceEngine(objective, 7);
    let stopped = false;
    let saves = 0;
    const engine: AdamEngine = {
      dimension: 7,
      load: (x, m, v) => inner.load(x, m, v),
      step: (batch, c) => inner.step(batch, c),
      save(x, m, v) {
        if (stopped) throw new Error('the engine was stopped');
        saves++;
        inner.save(x, m, v);
      },
      savePoint(x) {
        if (stopped) throw new Error('the engine was stopped');
        inner.save(x, new Float64Array(7), new Float64Array(7));
      },
    };
    const result = await minimizeAdam(objective, x0, { ...options, engine });
    // One full export as the run ended (its moments), none for the state yet.
    expect(saves).toBe(1);
    expect(Object.getOwnPropertyDescriptor(result, 'state')?.get).toBeDefined();
    stopped = true;
    const own = await minimizeAdam(objective, x0, options);
    const { elapsedMs, ...state } = result.state;
    const { elapsedMs: _, ...expected } = own.state;
    expect(state).toEqual(expected);
    // Taken when the run ended, not when read; and the same object on every read.
    expect(elapsedMs).toBe(result.elapsedMs);
    expect(result.state).toBe(result.state);
  });

  it('stops on a non-finite loss with the point it was evaluated at, saying what was not finite', async () => {
    const poisoned: MiniBatchObjective = (x, batch) =>
      batch.includes(5)
        ? { value: Number.NaN, gradient: new Float64Array(7) }
        : objective(x, batch);
    const engine = referenceEngine(poisoned, 7);
    const result = await minimizeAdam(poisoned, x0, { ...options, engine });
    expect(result.stopReason).toBe(StopReason.NonFinite);
    expect(result.message).toMatch(/non-finite loss NaN at epoch 1, step \d+/);
    // Up to the poisoned batch, the same steps as adam's own.
    const own = await minimizeAdam(poisoned, x0, options);
    expect(Array.from(result.x)).toEqual(Array.from(own.x));
  });

  it('stops on a non-finite gradient, naming its norms', async () => {
    const poisoned: MiniBatchObjective = (x, batch) => {
      const out = objective(x, batch);
      const gradient = Float64Array.from(out.gradient);
      if (batch.includes(5)) gradient[2] = Number.POSITIVE_INFINITY;
      return { value: out.value, gradient };
    };
    const result = await minimizeAdam(poisoned, x0, {
      ...options,
      engine: referenceEngine(poisoned, 7),
    });
    expect(result.stopReason).toBe(StopReason.NonFinite);
    expect(result.message).toContain('non-finite gradient (max |g_i| = Infinity');
  });

  it('refuses weight decay, clipping or an engine of another size', async () => {
    const engine = referenceEngine(objective, 7);
    const start = (extra: object) => adam(objective, x0, { ...options, engine, ...extra }).next();
    await expect(start({ weightDecay: 0.1 })).rejects.toThrow(InvalidArgumentError);
    await expect(start({ clipNorm: 1 })).rejects.toThrow(
      /no weightDecay or clipNorm beside it.*clipNorm 1/,
    );
    const small = referenceEngine(objective, 6);
    await expect(adam(objective, x0, { ...options, engine: small }).next()).rejects.toThrow(
      "invalid engine.dimension: expected 7 (the start point's length), found 6",
    );
  });

  it('folds the bias corrections into the step constants', () => {
    const c = adamStepConstants(0.9, 0.999, 1e-8, 0.01, 3);
    expect(c.stepScale).toBeCloseTo(0.01 / (1 - 0.9 ** 3), 15);
    expect(c.rootScale).toBeCloseTo(1 / Math.sqrt(1 - 0.999 ** 3), 12);
    expect([c.keep1, c.take1, c.keep2, c.take2, c.epsilon]).toEqual([
      0.9,
      1 - 0.9,
      0.999,
      1 - 0.999,
      1e-8,
    ]);
  });
});
