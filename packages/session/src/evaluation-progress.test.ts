import { describe, expect, it } from 'vitest';
import { evaluationProgress } from './evaluation-progress.js';

describe('evaluationProgress', () => {
  it('gives the rate so far and the seconds left at that rate', () => {
    const p = evaluationProgress({ step: 10, done: 3072, total: 10_000, elapsedMs: 2000 });
    expect(p).toMatchObject({ step: 10, done: 3072, total: 10_000, elapsedMs: 2000 });
    expect(p.samplesPerSecond).toBe(1536);
    expect(p.etaSeconds).toBeCloseTo(6928 / 1536, 10);
  });

  it('has no rate nor ETA before anything is measured', () => {
    for (const [done, elapsedMs] of [
      [0, 100],
      [128, 0],
    ] as const) {
      const p = evaluationProgress({ step: 1, done, total: 1000, elapsedMs });
      expect(p).not.toHaveProperty('samplesPerSecond');
      expect(p).not.toHaveProperty('etaSeconds');
    }
  });

  it('says nothing is left once every sample is done', () => {
    expect(evaluationProgress({ step: 1, done: 50, total: 50, elapsedMs: 10 }).etaSeconds).toBe(0);
  });
});
