import { describe, expect, it } from 'vitest';
import { softmaxCrossEntropyRows } from './softmax-rows.js';

describe('softmaxCrossEntropyRows', () => {
  it('matches a hand-computed two-row case', () => {
    // Row 0: z = [0, ln 3], label 1 → p = [1/4, 3/4], loss −ln(3/4), residual [1/4, −1/4].
    // Row 1: z = [2, 2], label 0 → p = [1/2, 1/2], loss ln 2, residual [−1/2, 1/2]; tie → argmax 0.
    const logits = Float32Array.of(0, Math.log(3), 2, 2);
    const bias = new Float64Array(2);
    const r = softmaxCrossEntropyRows(logits, [1, 0], 2, bias);
    expect(r.lossSum).toBeCloseTo(-Math.log(0.75) + Math.log(2), 6);
    expect(r.correct).toBe(2);
    expect(Array.from(logits)).toEqual([0.25, -0.25, -0.5, 0.5].map((v) => Math.fround(v)));
    expect(bias[0]).toBeCloseTo(-0.25, 7);
    expect(bias[1]).toBeCloseTo(0.25, 7);
  });

  it('stays finite where naive softmax overflows or underflows', () => {
    // exp(1000) overflows; the log-sum-exp form gives loss ≈ 1000 for the wrong label.
    const logits = Float32Array.of(1000, 0, -1000);
    const r = softmaxCrossEntropyRows(logits, [1], 3, new Float64Array(3));
    expect(r.lossSum).toBeCloseTo(1000, 3);
    expect(Array.from(logits)).toEqual([1, -1, 0]);
    expect(r.correct).toBe(0);
  });

  it('accumulates bias sums across calls (shards add up)', () => {
    const bias = new Float64Array(3);
    softmaxCrossEntropyRows(Float32Array.of(1, 2, 3), [0], 3, bias);
    softmaxCrossEntropyRows(Float32Array.of(3, 2, 1), [2], 3, bias);
    // Each row's residual sums to 0, so the bias sums do too.
    expect(bias.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    // By symmetry the two rows' residuals mirror each other.
    expect(bias[0]).toBeCloseTo(bias[2] as number, 7);
  });

  it('reads rows `stride` apart and leaves the padding between them alone', () => {
    // The two-row case above, each row padded to 4 slots holding a sentinel.
    const logits = Float32Array.of(0, Math.log(3), 7, 7, 2, 2, 7, 7);
    const bias = new Float64Array(2);
    const r = softmaxCrossEntropyRows(logits, [1, 0], 2, bias, 4);
    expect(r.lossSum).toBeCloseTo(-Math.log(0.75) + Math.log(2), 6);
    expect(Array.from(logits)).toEqual([0.25, -0.25, 7, 7, -0.5, 0.5, 7, 7]);
    expect(() => softmaxCrossEntropyRows(new Float32Array(5), [0, 1], 2, bias, 4)).toThrow(
      /expected 2 rows of 2 logits 4 apart, found 5 values/,
    );
  });
});
