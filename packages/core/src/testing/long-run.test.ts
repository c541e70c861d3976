import { describe, expect, it } from 'vitest';
import { centroidPlugin } from './centroid-plugin.js';
import { ConformanceError } from './conformance-error.js';
import {
  checkLongRun,
  checkPluginLongRun,
  type LongRunMeasurement,
  measureLongRun,
} from './long-run.js';
import { separableClusters } from './separable-clusters.js';

const clean: LongRunMeasurement = {
  cycles: 200,
  tensorsAtStart: 3,
  tensorsAtEnd: 3,
  workersAtEnd: 0,
  rssAtStartMb: 100,
  rssAtEndMb: 110,
  rssGrowthMb: 10,
  heapGrowthMb: 1,
  msPerCycle: 5,
};

describe('measureLongRun, checkLongRun and checkPluginLongRun', () => {
  it('pass a plugin that frees what it made: the centroid plugin, 200 times', async () => {
    const measured = await checkPluginLongRun(
      centroidPlugin(),
      { shrink: 0 },
      separableClusters(),
      { cycles: 200 },
    );
    expect(measured.cycles).toBe(200);
  });

  it('see what a cycle keeps: half a megabyte of numbers each time is 100 MB more heap', async () => {
    const kept: number[][] = [];
    const measured = await measureLongRun(
      async () => {
        kept.push(new Array<number>(65536).fill(0.5));
      },
      { cycles: 200, warmUp: 0 },
    );
    // Heap, not RSS: a test process that freed memory before keeps those pages resident, and
    // reuses them without RSS growing; the live heap after a full GC is exact.
    expect(measured.heapGrowthMb).toBeGreaterThan(90);
    expect(kept).toHaveLength(200);
  });

  it('wait for workers that exit late, and count those that never do', async () => {
    const cycle = async () => undefined;
    let exitsAt = performance.now() + 300;
    const late = await measureLongRun(cycle, {
      cycles: 2,
      warmUp: 0,
      liveWorkers: () => (performance.now() < exitsAt ? 2 : 0),
    });
    expect(late.workersAtEnd).toBe(0);
    exitsAt = Number.POSITIVE_INFINITY;
    const leaked = await measureLongRun(cycle, {
      cycles: 2,
      warmUp: 0,
      liveWorkers: () => (performance.now() < exitsAt ? 1 : 0),
      workerExitMs: 200,
    });
    expect(leaked.workersAtEnd).toBe(1);
  });

  it('name leaked tensors, live workers and memory growth', () => {
    expect(() => checkLongRun({ ...clean, rssAtEndMb: 220, rssGrowthMb: 120 })).toThrow(
      /expected resident memory to grow by less than 50 MB over 200 fit and dispose cycles, found 120\.0 MB \(100 → 220 MB\)/,
    );
    expect(() => checkLongRun({ ...clean, tensorsAtEnd: 203 })).toThrow(ConformanceError);
    expect(() => checkLongRun({ ...clean, tensorsAtEnd: 203 })).toThrow(
      /expected 3 live tensors after 200 fit and dispose cycles \(as before them\), found 203/,
    );
    expect(() => checkLongRun({ ...clean, workersAtEnd: 2 })).toThrow(
      /expected no worker thread alive after 200 fit and dispose cycles, found 2/,
    );
    expect(() => checkLongRun(clean)).not.toThrow();
  });
});
