import { describe, expect, it } from 'vitest';
import { logLoss } from './log-loss.js';

describe('logLoss', () => {
  it('matches the scikit-learn docstring example', () => {
    // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
    // = 0.21616…; labels sort to ham = 0, spam = 1, so the true-class probabilities are
    // .9, .9, .8, .65: -(2 ln .9 + ln .8 + ln .65)/4 = 0.216161…
    const probs = Float64Array.from([0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65]);
    expect(logLoss([1, 0, 0, 1], probs, 2)).toBeCloseTo(0.21616, 5);
    expect(logLoss([1, 0, 0, 1], new Float32Array(probs), 2)).toBeCloseTo(0.21616, 5);
  });

  it('is ln k for uniform probabilities', () => {
    const probs = new Float64Array(3 * 10).fill(0.1);
    expect(logLoss([0, 4, 9], probs, 10)).toBeCloseTo(Math.LN10, 14);
  });

  it('clips to the machine epsilon of the dtype by default', () => {
    // p = 0 is clipped to eps: -ln(2^-52) = 52 ln 2 for float64, -ln(2^-23) = 23 ln 2 for float32.
    expect(logLoss([0], Float64Array.from([0, 1]), 2)).toBeCloseTo(36.04365338911715, 12);
    expect(logLoss([0], Float32Array.from([0, 1]), 2)).toBeCloseTo(15.942385152878742, 12);
    // p = 1 is clipped to 1 - eps, so the loss is -ln(1 - 2^-52) ≈ 2^-52, not 0.
    const nearZero = logLoss([1], Float64Array.from([0, 1]), 2);
    expect(Math.abs(nearZero / 2 ** -52 - 1)).toBeLessThan(1e-6);
  });

  it('uses a caller-supplied eps', () => {
    // -ln(1e-15) = 15 ln 10.
    expect(logLoss([0], Float64Array.from([0, 1]), 2, { eps: 1e-15 })).toBeCloseTo(
      34.538776394910684,
      12,
    );
  });

  it('rejects malformed probabilities, naming sample and class', () => {
    expect(() => logLoss([0, 1], Float64Array.from([0.5, 0.5, 0.5]), 2)).toThrow(
      'logLoss: expected probabilities to have length 4 (2 samples × 2 classes), found length 3',
    );
    expect(() => logLoss([0, 1], Float64Array.from([0.5, 0.5, 1.5, -0.5]), 2)).toThrow(
      'logLoss: expected probabilities[2] (sample 1, class 0) to be a probability in [0, 1], found 1.5',
    );
    expect(() => logLoss([0], Float64Array.from([Number.NaN, 1]), 2)).toThrow(
      /probabilities\[0\].*found NaN/,
    );
    expect(() => logLoss([0], [0.5, 0.5] as unknown as Float64Array, 2)).toThrow(
      /probabilities to be a Float32Array or Float64Array \(n×k row-major\), found Array of length 2/,
    );
  });

  it('rejects bad labels, empty input and a bad eps', () => {
    expect(() => logLoss([2], Float64Array.from([0.5, 0.5]), 2)).toThrow(
      'logLoss: expected yTrue[0] to be an integer label in [0, 2), found 2',
    );
    expect(() => logLoss([], new Float64Array(0), 2)).toThrow(/yTrue to hold at least one sample/);
    expect(() => logLoss([0], Float64Array.from([0.5, 0.5]), 2, { eps: 0 })).toThrow(
      /options\.eps to be a number in \(0, 0\.5\), found 0/,
    );
  });
});
