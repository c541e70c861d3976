import { InvalidArgumentError } from '../errors.js';
import { restoreBuffer } from '../state-arrays.js';
import { toNumberArray } from '../vector-ops.js';
import type { SgdBuffers } from './stochastic-state.js';
import type { UpdateRule } from './update-rule.js';

/** SGD's own settings. */
export interface SgdRuleOptions {
  /** Momentum μ ∈ [0, 1). Default 0. */
  readonly momentum?: number;
  /** Nesterov momentum (needs momentum > 0). Default false. */
  readonly nesterov?: boolean;
}

/**
 * SGD with PyTorch's momentum convention (dampening 0): v ← μv + g, then x ← x − lr·v, or
 * x ← x − lr·(g + μv) with Nesterov. The velocity starts at 0, so the first step is plain SGD.
 */
export function createSgdRule(
  dimension: number,
  options: SgdRuleOptions,
  saved?: Record<string, unknown>,
): UpdateRule<SgdBuffers> {
  const momentum = options.momentum ?? 0;
  const nesterov = options.nesterov ?? false;
  if (!(momentum >= 0 && momentum < 1)) {
    throw new InvalidArgumentError('momentum', 'a number in [0, 1)', momentum);
  }
  if (typeof nesterov !== 'boolean') {
    throw new InvalidArgumentError('nesterov', 'a boolean', nesterov);
  }
  if (nesterov && momentum === 0) {
    throw new InvalidArgumentError('momentum', 'a number > 0 when nesterov is true', momentum);
  }
  const velocity = restoreBuffer(saved, 'velocity', dimension, 'sgd');
  return {
    apply(x, g, lr) {
      const n = x.length;
      if (momentum === 0) {
        for (let i = 0; i < n; i++) x[i]! -= lr * g[i]!;
        return;
      }
      for (let i = 0; i < n; i++) {
        const v = momentum * velocity[i]! + g[i]!;
        velocity[i] = v;
        x[i]! -= lr * (nesterov ? g[i]! + momentum * v : v);
      }
    },
    save: () => ({ velocity: toNumberArray(velocity) }),
  };
}
