import { describe, expect, it } from 'vitest';
import { summarizeEvaluation } from './evaluation-summary.js';

describe('summarizeEvaluation', () => {
  const labels = Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 2, 2, 2]);
  const predictions = Int32Array.from([0, 0, 1, 1, 1, 2, 2, 2, 2, 0]);
  const summary = summarizeEvaluation({
    step: 12,
    labels,
    predictions,
    numClasses: 3,
    accuracy: 0.6,
    elapsedMs: 3,
  });

  it('counts the confusion matrix with rows as true classes', () => {
    expect(Array.from(summary.counts)).toEqual([2, 1, 0, 0, 2, 2, 1, 0, 2]);
    expect(summary.total).toBe(10);
    expect(summary.accuracy).toBeCloseTo(0.6);
  });

  it('computes per-class precision, recall, F1 and support', () => {
    expect(summary.perClass.map((s) => s.support)).toEqual([3, 4, 3]);
    expect(summary.perClass[1]!.precision).toBeCloseTo(2 / 3);
    expect(summary.perClass[1]!.recall).toBeCloseTo(0.5);
    expect(summary.perClass[1]!.f1).toBeCloseTo((2 * 2) / (4 + 3));
  });

  it('lists the most confused pairs, largest first, with the share of the true class', () => {
    expect(summary.confusedPairs[0]).toEqual({
      trueClass: 1,
      predictedClass: 2,
      count: 2,
      rate: 0.5,
    });
    expect(summary.confusedPairs.every((p) => p.trueClass !== p.predictedClass)).toBe(true);
    const counts = summary.confusedPairs.map((p) => p.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // Every off-diagonal cell with a count is listed: 0→1, 1→2, 2→0.
    expect(summary.confusedPairs).toHaveLength(3);
  });
});
