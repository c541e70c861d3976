import { describe, expect, it } from 'vitest';
import { centroidPlugin } from './centroid-plugin.js';
import { ConformanceError } from './conformance-error.js';
import {
  checkLongRun,
  fitAndDisposeCycle,
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

describe('measureLongRun and checkLongRun', () => {
  it('pass a plugin that frees what it made: the centroid plugin, 200 times', async () => {
    const measured = await measureLongRun(
      fitAndDisposeCycle(centroidPlugin(), { shrink: 0 }, separableClusters()),
      { cycles: 200 },
    );
    expect(measured.cycles).toBe(200);
    expect(() => checkLongRun(measured)).not.toThrow();
  });

  it('catch a cycle that keeps half a megabyte each time', async () => {
    const kept: Uint8Array[] = [];
    const measured = await measureLongRun(
      async () => {
        kept.push(new Uint8Array(512 * 1024).fill(1));
      },
      { cycles: 200, warmUp: 0 },
    );
    expect(measured.rssGrowthMb).toBeGreaterThan(90);
    expect(() => checkLongRun(measured)).toThrow(
      /expected resident memory to grow by less than 50 MB over 200 fit and dispose cycles, found \d+\.\d MB/,
    );
    expect(kept).toHaveLength(200);
  });

  it('name leaked tensors and live workers', () => {
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
