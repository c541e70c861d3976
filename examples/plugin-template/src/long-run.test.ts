import { checkPluginLongRun, longRunBlobs } from '@digitlab/core/testing';
import { describe, it } from 'vitest';
import { nearestCentroid } from './plugin.js';

// Sized for CI (small data, a few seconds); `pnpm bench` in apps/dashboard runs full-size ones.
describe('nearestCentroid fitted and disposed 200 times in one process', () => {
  it('RSS growth < 50 MB', async () => {
    await checkPluginLongRun(nearestCentroid(), {}, longRunBlobs(), { cycles: 200 });
  }, 120_000);
});
