import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './errors.js';
import { applyPreprocessing, DEFAULT_SCALE_FACTOR, scaleStep } from './preprocessing.js';

describe('applyPreprocessing', () => {
  it('with no steps converts to float32 unchanged', () => {
    expect([...applyPreprocessing(new Uint8Array([0, 7, 255]), 3, [])]).toEqual([0, 7, 255]);
  });

  it('scales u8 pixels into [0, 1] with the default factor', () => {
    const out = applyPreprocessing(new Uint8Array([0, 51, 255]), 1, [scaleStep()]);
    expect([...out]).toEqual([0, Math.fround(51 / 255), 1]);
    expect(DEFAULT_SCALE_FACTOR).toBe(1 / 255);
  });

  it('standardizes per feature, treating a std of 0 as 1, after scaling', () => {
    const raw = new Uint8Array([10, 20, 30, 40]); // two rows of two features
    const steps = [
      scaleStep(0.5),
      { kind: 'standardize', mean: new Float32Array([5, 10]), std: new Float32Array([2, 0]) },
    ] as const;
    const out = applyPreprocessing(raw, 2, steps);
    expect([...out]).toEqual([0, 0, 5, 10]);
  });

  it('maps every u8 value to [0, 1] monotonically (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (raw) => {
        const out = applyPreprocessing(raw, 1, [scaleStep()]);
        for (let i = 0; i < raw.length; i++) {
          expect(out[i]).toBeGreaterThanOrEqual(0);
          expect(out[i]).toBeLessThanOrEqual(1);
          for (let k = 0; k < raw.length; k++) {
            if (raw[i]! < raw[k]!) expect(out[i]).toBeLessThan(out[k]!);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('rejects input that is not whole rows, and steps of the wrong width', () => {
    expect(() => applyPreprocessing(new Uint8Array(5), 2, [])).toThrow(
      /multiple of numFeatures 2, found 5 values/,
    );
    const bad = [
      { kind: 'standardize', mean: new Float32Array(3), std: new Float32Array(2) },
    ] as const;
    expect(() => applyPreprocessing(new Uint8Array(4), 2, bad)).toThrow(DatasetError);
    expect(() => applyPreprocessing(new Uint8Array(4), 0, [])).toThrow(/positive integer, found 0/);
  });
});
