import { fitToEnd } from '@digitlab/core';
import { maxAbsDifference } from '@digitlab/core/testing';
import { liveWorkerCount } from '@digitlab/kernels/node';
import { describe, expect, it } from 'vitest';
import { parametersFromWeights } from '../mlp-parameters.js';
import type { MlpOptions } from '../options.js';
import { mlp } from '../plugin.js';
import { xorData } from '../test-support/xor-data.js';
import { MIN_ROWS_FOR_PART_WORKERS } from './part-worker-count.js';

const plugin = mlp({ backend: 'cpu' });
const create = (options: Partial<MlpOptions>) =>
  plugin.create(
    plugin.options.parse({
      layout: 'sparse',
      epochs: 4,
      learningRate: 0.02,
      hiddenUnits: 24,
      ...options,
    }),
  );
// Enough rows that the fit starts its part workers.
const xor = xorData(MIN_ROWS_FOR_PART_WORKERS / 4 + 100, 6);

describe('an adam fit on sparse rows with part workers', () => {
  it('learns as the one-thread fit does and ends with no worker left', async () => {
    const alone = create({ workers: 0 });
    const single = await fitToEnd(alone.fit(xor));
    const threaded = create({ workers: 1 });
    const result = await fitToEnd(threaded.fit(xor));
    expect(liveWorkerCount()).toBe(0);
    expect(result.converged === single.converged).toBe(true);
    expect(await threaded.score(xor)).toBeGreaterThan(0.9);
    const a = parametersFromWeights(threaded.model!);
    const b = parametersFromWeights(alone.model!);
    // Two parts sum the logits in another order: float32 rounding apart after 4 epochs.
    expect(maxAbsDifference(a, b)).toBeLessThan(1e-4);
    alone.dispose();
    threaded.dispose();
  });

  it('stops at the next step when aborted and when disposed mid-fit, leaving no worker', async () => {
    const classifier = create({ workers: 1, epochs: 50 });
    const controller = new AbortController();
    let epochs = 0;
    for await (const event of classifier.fit(xor, { signal: controller.signal })) {
      if (event.type === 'progress' && ++epochs === 2) controller.abort();
    }
    expect(classifier.model).toBeDefined();
    expect(liveWorkerCount()).toBe(0);
    const disposed = create({ workers: 1, epochs: 50 });
    const fit = disposed.fit(xor);
    await fit.next();
    disposed.dispose();
    for await (const _ of fit) {
      // drain: the fit ends at its next step
    }
    expect(liveWorkerCount()).toBe(0);
    classifier.dispose();
  });

  it('starts no worker for small data or workers 0', async () => {
    const small = create({ workers: 3 });
    let most = 0;
    for await (const _ of small.fit(xorData(50, 6))) most = Math.max(most, liveWorkerCount());
    expect(most).toBe(0);
    small.dispose();
  });
});
