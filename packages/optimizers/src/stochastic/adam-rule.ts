import { InvalidArgumentError } from '../errors.js';
import { readCount, restoreBuffer } from '../state-arrays.js';
import { toNumberArray } from '../vector-ops.js';
import { adamStepConstants } from './adam-engine.js';
import { createAdamKernel } from './adam-kernel.js';
import type { AdamBuffers } from './stochastic-state.js';
import type { UpdateRule } from './update-rule.js';

/** Adam's own settings. */
export interface AdamRuleOptions {
  /** Decay of the first-moment estimate. Default 0.9. */
  readonly beta1?: number;
  /** Decay of the second-moment estimate. Default 0.999. */
  readonly beta2?: number;
  /** Added to √v̂ in the denominator. Default 1e-8. */
  readonly epsilon?: number;
}

/** β1, β2 and ε with their defaults, checked. */
export function adamSettings(options: AdamRuleOptions): {
  beta1: number;
  beta2: number;
  epsilon: number;
} {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;
  if (!(beta1 >= 0 && beta1 < 1))
    throw new InvalidArgumentError('beta1', 'a number in [0, 1)', beta1);
  if (!(beta2 >= 0 && beta2 < 1))
    throw new InvalidArgumentError('beta2', 'a number in [0, 1)', beta2);
  if (!(epsilon > 0)) throw new InvalidArgumentError('epsilon', 'a number > 0', epsilon);
  return { beta1, beta2, epsilon };
}

/**
 * Adam (Kingma & Ba 2015, Algorithm 1): m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 * x ← x − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε).
 */
export function createAdamRule(
  dimension: number,
  options: AdamRuleOptions,
  saved?: Record<string, unknown>,
): UpdateRule<AdamBuffers> {
  const { beta1, beta2, epsilon } = adamSettings(options);
  const restoredM = restoreBuffer(saved, 'm', dimension, 'adam');
  const restoredV = restoreBuffer(saved, 'v', dimension, 'adam');
  // The same update in f64x2 SIMD where it pays (same operations, same bits); m and v then live
  // in the module's memory.
  const kernel = createAdamKernel(dimension);
  let m = restoredM;
  let v = restoredV;
  if (kernel) {
    kernel.m.set(restoredM);
    kernel.v.set(restoredV);
    m = kernel.m;
    v = kernel.v;
  }
  let t = saved ? readCount(saved.t, 'buffers.t', 'adam') : 0;
  return {
    ...(kernel ? { workspace: { x: kernel.x, g: kernel.g } } : {}),
    apply(x, g, lr) {
      t++;
      const constants = adamStepConstants(beta1, beta2, epsilon, lr, t);
      const { keep1, take1, keep2, take2, stepScale, rootScale } = constants;
      if (kernel) {
        kernel.apply(x, g, constants);
        return;
      }
      const n = x.length;
      for (let i = 0; i < n; i++) {
        const gi = g[i]!;
        const mi = keep1 * m[i]! + take1 * gi;
        const vi = keep2 * v[i]! + take2 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        x[i]! -= (stepScale * mi) / (Math.sqrt(vi) * rootScale + epsilon);
      }
    },
    save: () => ({ m: toNumberArray(m), v: toNumberArray(v), t }),
  };
}
