import { DigitlabError } from '@digitlab/core';
import { describe, expect, it } from 'vitest';
import { argmaxRows, softmaxResidualRows, softmaxRows } from './softmax-rows.js';

describe('softmaxResidualRows', () => {
  it('writes softmax − onehot, sums the loss and the residual columns (hand-computed)', () => {
    // Row 0: logits (0, ln 3) → p = (1/4, 3/4), label 0: loss ln 4, residual (−3/4, 3/4).
    // Row 1: logits (2, 2) → p = (1/2, 1/2), label 1: loss ln 2, residual (1/2, −1/2).
    const logits = Float32Array.of(0, Math.log(3), 2, 2);
    const residual = new Float32Array(4);
    const biasSums = Float64Array.of(10, 20);
    const result = softmaxResidualRows(logits, [0, 1], 2, residual, biasSums);
    expect(result.lossSum).toBeCloseTo(Math.log(4) + Math.log(2), 6);
    expect(Array.from(residual)).toEqual([-0.75, 0.75, 0.5, -0.5].map((v) => expect.closeTo(v, 6)));
    // Added to what was there: 10 − 3/4 + 1/2 and 20 + 3/4 − 1/2.
    expect(biasSums[0]).toBeCloseTo(9.75, 6);
    expect(biasSums[1]).toBeCloseTo(20.25, 6);
    // Row 0's argmax is class 1 (wrong); row 1 ties and goes to class 0 (wrong).
    expect(result.correct).toBe(0);
    // The logits are left alone.
    expect(logits[1]).toBeCloseTo(Math.log(3), 6);
  });

  it('works in place when the residual is the logits array', () => {
    // Row 0: z = [0, ln 3], label 1 → p = [1/4, 3/4], loss −ln(3/4), residual [1/4, −1/4].
    // Row 1: z = [2, 2], label 0 → p = [1/2, 1/2], loss ln 2, residual [−1/2, 1/2]; tie → argmax 0.
    const logits = Float32Array.of(0, Math.log(3), 2, 2);
    const bias = new Float64Array(2);
    const r = softmaxResidualRows(logits, [1, 0], 2, logits, bias);
    expect(r.lossSum).toBeCloseTo(-Math.log(0.75) + Math.log(2), 6);
    expect(r.correct).toBe(2);
    expect(Array.from(logits)).toEqual([0.25, -0.25, -0.5, 0.5].map((v) => Math.fround(v)));
    expect(bias[0]).toBeCloseTo(-0.25, 7);
    expect(bias[1]).toBeCloseTo(0.25, 7);
  });

  it('stays finite where naive softmax overflows or underflows', () => {
    // exp(1000) overflows; the log-sum-exp form gives loss ≈ 1000 for the wrong label.
    const logits = Float32Array.of(1000, 0, -1000);
    const r = softmaxResidualRows(logits, [1], 3, logits, new Float64Array(3));
    expect(r.lossSum).toBeCloseTo(1000, 3);
    expect(Array.from(logits)).toEqual([1, -1, 0]);
    expect(r.correct).toBe(0);
    const residual = new Float32Array(4);
    const both = softmaxResidualRows(
      Float32Array.of(1000, 0, 0, 1000),
      [0, 0],
      2,
      residual,
      new Float64Array(2),
    );
    expect(both.lossSum).toBeCloseTo(1000, 6);
    expect(both.correct).toBe(1);
    expect(Array.from(residual)).toEqual([0, 0, -1, 1]);
  });

  it('accumulates bias sums across calls (shards and row blocks add up)', () => {
    const bias = new Float64Array(3);
    softmaxResidualRows(Float32Array.of(1, 2, 3), [0], 3, new Float32Array(3), bias);
    softmaxResidualRows(Float32Array.of(3, 2, 1), [2], 3, new Float32Array(3), bias);
    // Each row's residual sums to 0, so the bias sums do too.
    expect(bias.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    // By symmetry the two rows' residuals mirror each other.
    expect(bias[0]).toBeCloseTo(bias[2] as number, 7);
  });

  it('refuses arrays whose sizes disagree with the rows and classes', () => {
    expect(() =>
      softmaxResidualRows(new Float32Array(5), [0, 1], 2, new Float32Array(4), new Float64Array(2)),
    ).toThrow(/expected 2 rows of 2 logits and residuals and 2 bias sums, found 5, 4 and 2 values/);
  });
});

describe('softmaxRows on logits that overflowed float32', () => {
  // Found by fuzzing loaded models: huge finite weights give ±Infinity logits, which made NaN.
  it('gives the limit: the +Infinity logits share the probability, all −Infinity is uniform', () => {
    const p = new Float32Array(6);
    softmaxRows(Float32Array.of(Infinity, 1, Infinity, -Infinity, -Infinity, -Infinity), 3, p);
    expect(Array.from(p)).toEqual([0.5, 0, 0.5, 1 / 3, 1 / 3, 1 / 3].map(Math.fround));
  });
  it('refuses NaN with a DigitlabError naming the row', () => {
    expect(() => softmaxRows(Float32Array.of(1, 2, Number.NaN, 3), 2, new Float32Array(4))).toThrow(
      /expected finite outputs, found NaN in row 1: the model's weights overflow float32/,
    );
    expect(() =>
      softmaxRows(Float32Array.of(Infinity, Number.NaN), 2, new Float32Array(2)),
    ).toThrow(DigitlabError);
  });
});

describe('softmaxRows and argmaxRows', () => {
  it('give probabilities that sum to 1 and the lowest index of the largest logit', () => {
    const logits = Float32Array.of(1, 3, 2, 5, 5, -1);
    const p = new Float32Array(6);
    softmaxRows(logits, 3, p);
    const e = [Math.exp(-2), 1, Math.exp(-1)];
    const s = e[0]! + e[1]! + e[2]!;
    expect(p[0]).toBeCloseTo(e[0]! / s, 6);
    expect(p[1]).toBeCloseTo(1 / s, 6);
    expect(p[3]! + p[4]! + p[5]!).toBeCloseTo(1, 6);
    expect(p[3]).toBe(p[4]);
    const classes = new Int32Array(2);
    argmaxRows(logits, 3, classes);
    expect(Array.from(classes)).toEqual([1, 0]);
  });

  it('stay finite for huge logits', () => {
    const p = new Float32Array(2);
    softmaxRows(Float32Array.of(1000, -1000), 2, p);
    expect(Array.from(p)).toEqual([1, 0]);
  });
});
