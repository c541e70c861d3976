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

  it('stays finite for huge logits', () => {
    const residual = new Float32Array(4);
    const { lossSum, correct } = softmaxResidualRows(
      Float32Array.of(1000, 0, 0, 1000),
      [0, 0],
      2,
      residual,
      new Float64Array(2),
    );
    expect(lossSum).toBeCloseTo(1000, 6);
    expect(correct).toBe(1);
    expect(Array.from(residual)).toEqual([0, 0, -1, 1]);
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
});
