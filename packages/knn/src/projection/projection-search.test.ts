import { seededRandom } from '@digitlab/datasets';
import { WorkerError } from '@digitlab/kernels/node';
import { describe, expect, it } from 'vitest';
import { projectionIndexData } from './projection-index.js';
import { ProjectionSearch } from './projection-search.js';

describe('ProjectionSearch', () => {
  const d = 30;
  const random = seededRandom(8);
  const rows = Float32Array.from({ length: 400 * d }, () => Math.floor(random() * 4));
  const queries = Float32Array.from({ length: 301 * d }, () => Math.floor(random() * 4));

  it('finds the same rows on worker threads as on this thread, split by queries in order', async () => {
    const data = projectionIndexData(rows, 400, d);
    const here = await ProjectionSearch.start(data, 0);
    const there = await ProjectionSearch.start(data, 2);
    try {
      const a = await here.search(queries, 6);
      const b = await there.search(queries, 6);
      expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
      expect(Array.from(b.sqDistances)).toEqual(Array.from(a.sqDistances));
      // One query: one worker answers.
      const one = await there.search(queries.subarray(0, d), 6);
      expect(Array.from(one.indices)).toEqual(Array.from(a.indices.subarray(0, 6)));
    } finally {
      await there.dispose();
    }
  });

  it('refuses to search after dispose, with a WorkerError', async () => {
    const search = await ProjectionSearch.start(projectionIndexData(rows, 400, d), 1);
    await search.dispose();
    await search.dispose();
    await expect(search.search(queries, 3)).rejects.toThrow(WorkerError);
  });
});
