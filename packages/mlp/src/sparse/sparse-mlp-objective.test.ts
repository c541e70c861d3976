import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { maxAbsDifference } from '@digitlab/core/testing';
import { seededRandom } from '@digitlab/datasets';
import { finiteDifferenceGradient } from '@digitlab/optimizers';
import { useBackend } from '@digitlab/tfjs-backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { glorotUniformParameters } from '../glorot-uniform.js';
import { MlpObjective } from '../mlp-objective.js';
import { referenceLoss } from '../test-support/reference-mlp.js';
import { MLP_BLOCK_ROWS, MlpKernel, mlpKernelSupported } from './mlp-kernel.js';
import { SparseMlpObjective } from './sparse-mlp-objective.js';

beforeAll(async () => {
  await useBackend('cpu');
});

/** n×d with about `density` of the entries nonzero (values in [−1, 1]), labels cycling. */
function problem(d: number, h: number, k: number, n: number, density: number, seed: number) {
  const random = seededRandom(seed);
  const shape = { numFeatures: d, hiddenUnits: h, numClasses: k };
  const features = Float32Array.from({ length: n * d }, () =>
    random() < density ? random() * 2 - 1 : 0,
  );
  const labels = Uint8Array.from({ length: n }, (_, i) => (i * 7) % k);
  // Larger than the default init so the outputs are far from uniform and every term matters.
  const x = Float64Array.from(glorotUniformParameters(shape, seed), (v) => v * 3);
  const data = { ...shape, features, labels, numSamples: n, alpha: 0.3 };
  return { shape, data, x };
}

const relative = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i] as number));
  return maxAbsDifference(a, b) / scale;
};

describe('the WebAssembly MLP kernel binary', () => {
  it('runs on this engine (WebAssembly SIMD)', () => {
    expect(mlpKernelSupported()).toBe(true);
  });

  it('is exactly what mlp-kernel.wat assembles to', () => {
    const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));
    const script = at('../../node_modules/@digitlab/kernels/scripts/wat-module.mjs');
    const args = [at('mlp-kernel.wat'), at('mlp-kernel-binary.ts'), 'MLP_KERNEL_BASE64'];
    const out = execFileSync(process.execPath, [script, ...args, '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/matches its source/);
  });
});

describe('SparseMlpObjective against the dense TensorFlow.js objective', () => {
  // h = 64 runs only the register tiles (16 units forward, 32 backward), 36 both tiles and the
  // 4-unit tail, 7 the tail alone (it pads to 8); k = 10 and 3 pad the class vectors, k = 4 does
  // not; n spans several kernel blocks.
  it.each([
    [30, 64, 10, 2 * MLP_BLOCK_ROWS + 19],
    [17, 7, 3, 40],
    [25, 36, 4, MLP_BLOCK_ROWS + 1],
  ])('matches value, gradient and correct count (d=%i, h=%i, k=%i, n=%i)', (d, h, k, n) => {
    const { data, x } = problem(d, h, k, n, 0.3, d + h);
    const sparse = SparseMlpObjective.create(data);
    const dense = new MlpObjective(data);
    const s = sparse.evaluate(x);
    const t = dense.evaluate(x);
    expect(s.value).toBeCloseTo(t.value, 5);
    expect(relative(s.gradient, t.gradient)).toBeLessThan(1e-5);
    expect(s.correct).toBe(t.correct);
    expect(sparse.countCorrect(x)).toBe(dense.countCorrect(x));
    const random = seededRandom(3);
    // Up to 300 rows: more than one kernel block.
    const batch = Uint32Array.from({ length: Math.min(n, MLP_BLOCK_ROWS + 44) }, () =>
      Math.floor(random() * n),
    );
    const sb = sparse.evaluateBatch(x, batch);
    const tb = dense.evaluateBatch(x, batch);
    expect(sb.value).toBeCloseTo(tb.value, 5);
    expect(relative(sb.gradient, tb.gradient)).toBeLessThan(1e-5);
  });

  it('is the float64 reference loss, with the gradient of central finite differences', () => {
    const { data, shape, x } = problem(6, 5, 3, 15, 0.5, 11);
    const sparse = SparseMlpObjective.create(data);
    const e = sparse.evaluate(x);
    expect(e.value).toBeCloseTo(referenceLoss(data.features, data.labels, shape, 0.3, x), 5);
    const fd = finiteDifferenceGradient(
      (p) => referenceLoss(data.features, data.labels, shape, 0.3, p),
      x,
    );
    expect(maxAbsDifference(e.gradient, fd)).toBeLessThan(2e-5);
  });

  it('returns the same full-batch result on repeated calls (the float32 sums are reset)', () => {
    const { data, x } = problem(12, 8, 3, 70, 0.4, 5);
    const sparse = SparseMlpObjective.create(data);
    const first = sparse.evaluate(x);
    sparse.evaluateBatch(x, Uint32Array.of(1, 2, 3));
    const again = sparse.evaluate(x);
    expect(again.value).toBe(first.value);
    expect(Array.from(again.gradient)).toEqual(Array.from(first.gradient));
  });
});

describe('MlpKernel', () => {
  it('rejects parameters of the wrong length and rows outside the data', () => {
    const { data, x } = problem(5, 4, 3, 10, 0.5, 2);
    const kernel = MlpKernel.fromMatrix(data.features, 10, data);
    expect(() => kernel.setParameters(x.subarray(1))).toThrow(/expected \d+ parameters/);
    expect(() => kernel.stageBatch(Uint32Array.of(3, 10))).toThrow(
      'expected row indices below 10, found 10 at position 1',
    );
    expect(() => kernel.forward('all', 5, 6)).toThrow(/within 10, found rows 5\.\.10/);
  });
});
