import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { createAdamRule } from './adam-rule.js';

describe('createAdamRule', () => {
  // 1,000 entries run the scalar loop, 2,049 the WebAssembly kernel (with its odd tail).
  it.each([1_000, 2_049])(
    'matches the unfused textbook update on random vectors within 1e-12 relative, saved state included (%i entries)',
    (n) => {
      const rng = xoroshiro128plus(15);
      const uniform = (scale: number): number => (2 * uniformFloat64(rng) - 1) * scale;
      const options = { beta1: 0.85, beta2: 0.995, epsilon: 1e-7 };
      const rule = createAdamRule(n, options);
      const x = Float64Array.from({ length: n }, () => uniform(1));
      const expected = Float64Array.from(x);
      const m = new Float64Array(n);
      const v = new Float64Array(n);
      const g = new Float64Array(n);
      for (let t = 1; t <= 40; t++) {
        // Gradients over many magnitudes (and exact zeros), a learning rate that changes per step.
        for (let i = 0; i < n; i++) g[i] = i % 97 === 0 ? 0 : uniform(10 ** uniform(4));
        const lr = 1e-3 * (1 + uniform(0.5));
        rule.apply(x, g, lr);
        for (let i = 0; i < n; i++) {
          m[i] = options.beta1 * m[i]! + (1 - options.beta1) * g[i]!;
          v[i] = options.beta2 * v[i]! + (1 - options.beta2) * g[i]! * g[i]!;
          const mHat = m[i]! / (1 - options.beta1 ** t);
          const vHat = v[i]! / (1 - options.beta2 ** t);
          expected[i]! -= (lr * mHat) / (Math.sqrt(vHat) + options.epsilon);
        }
      }
      let worst = 0;
      for (let i = 0; i < n; i++) {
        worst = Math.max(worst, Math.abs(x[i]! - expected[i]!) / Math.abs(expected[i]!));
      }
      expect(worst).toBeLessThanOrEqual(1e-12);
      const saved = rule.save();
      expect(saved.t).toBe(40);
      expect(saved.m).toEqual(Array.from(m));
      expect(saved.v).toEqual(Array.from(v));
      // A rule restored from the saved state continues the same run.
      const resumed = createAdamRule(n, options, saved as unknown as Record<string, unknown>);
      const y = Float64Array.from(x);
      rule.apply(x, g, 1e-3);
      resumed.apply(y, g, 1e-3);
      expect(y).toEqual(x);
    },
  );
});
