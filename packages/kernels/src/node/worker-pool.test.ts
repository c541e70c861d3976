import { afterEach, describe, expect, it } from 'vitest';
import { WorkerError } from './worker-error.js';
import { findWorkerScript, liveWorkerCount, startWorkers, WorkerPool } from './worker-pool.js';

type Request =
  | { readonly type: 'double'; readonly values: Float64Array }
  | { readonly type: 'fail'; readonly what: string }
  | { readonly type: 'exit' };
type Reply = { readonly type: 'doubled'; readonly doubled: Float64Array };

const script = new URL('./test-support/echo-worker.mjs', import.meta.url);
const pools: WorkerPool<Request, Reply>[] = [];

async function pool(count: number): Promise<WorkerPool<Request, Reply>> {
  const started = new WorkerPool<Request, Reply>(
    await startWorkers(script, count, { label: 'echo worker' }),
    'echo worker',
  );
  pools.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.terminate()));
});

describe('WorkerPool', () => {
  it('answers each request with its own reply, and broadcasts in worker order', async () => {
    const p = await pool(2);
    expect(p.size).toBe(2);
    const [a, b] = await Promise.all([
      p.request(0, { type: 'double', values: Float64Array.of(1, 2) }),
      p.request(1, { type: 'double', values: Float64Array.of(5) }),
    ]);
    expect(Array.from(a?.doubled ?? [])).toEqual([2, 4]);
    expect(Array.from(b?.doubled ?? [])).toEqual([10]);
    const all = await p.broadcast({ type: 'double', values: Float64Array.of(3) });
    expect(all.map((r) => Array.from(r.doubled))).toEqual([[6], [6]]);
  });

  it('turns a failing request into a WorkerError naming the worker, and stays usable', async () => {
    const p = await pool(2);
    const failed = p.request(1, { type: 'fail', what: 'divide' });
    await expect(failed).rejects.toThrow(WorkerError);
    await expect(failed).rejects.toThrow('echo worker 2 of 2 failed: cannot divide');
    const after = await p.request(1, { type: 'double', values: Float64Array.of(4) });
    expect(Array.from(after.doubled)).toEqual([8]);
  });

  it('fails pending and later requests when a worker exits, and refuses work after terminate', async () => {
    const p = await pool(2);
    await expect(p.request(0, { type: 'exit' })).rejects.toThrow(
      /echo worker 1 of 2 exited unexpectedly with code 3/,
    );
    await expect(p.request(1, { type: 'double', values: Float64Array.of(1) })).rejects.toThrow(
      /exited unexpectedly/,
    );
    const fresh = await pool(1);
    await fresh.terminate();
    await fresh.terminate();
    await expect(fresh.request(0, { type: 'double', values: Float64Array.of(1) })).rejects.toThrow(
      'expected running echo workers, found them stopped by dispose()',
    );
  });

  it('counts its live workers: up by each started, down once each has exited', async () => {
    const before = liveWorkerCount();
    const p = await pool(2);
    expect(liveWorkerCount()).toBe(before + 2);
    await p.terminate();
    expect(liveWorkerCount()).toBe(before);
  });

  it('reports a worker that cannot start, naming it', async () => {
    await expect(
      startWorkers(script, 2, { label: 'echo worker', workerData: { failStart: true } }),
    ).rejects.toThrow(/echo worker [12] of 2 could not start: no kernel for you/);
    await expect(startWorkers(script, 0, { label: 'echo worker' })).rejects.toThrow(
      'expected at least one echo worker, found 0',
    );
  });
});

describe('findWorkerScript', () => {
  it('takes the first candidate that exists and names them all when none does', () => {
    const missing = new URL('./no-such-worker.js', import.meta.url);
    expect(findWorkerScript([missing, script])).toBe(script);
    expect(() => findWorkerScript([missing])).toThrow(/no-such-worker\.js, found none/);
  });
});
