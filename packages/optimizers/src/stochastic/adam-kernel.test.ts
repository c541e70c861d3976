import { checkWatModule } from '@digitlab/kernels/testing';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { createAdamKernel } from './adam-kernel.js';

describe('createAdamKernel', () => {
  it('is exactly what adam-kernel.wat assembles to', () => {
    const at = (file: string) => new URL(file, import.meta.url);
    checkWatModule(at('adam-kernel.wat'), at('adam-kernel-binary.ts'), 'ADAM_KERNEL_BASE64');
  });

  it('leaves small vectors to the scalar loop', () => {
    expect(createAdamKernel(1023)).toBeUndefined();
  });

  // An odd dimension also runs the module's scalar tail.
  it.each([1024, 2049])('gives the scalar loop bit for bit (%i entries)', (n) => {
    const kernel = createAdamKernel(n);
    if (kernel === undefined) throw new Error('expected the kernel on an engine with SIMD');
    const rng = xoroshiro128plus(n);
    const uniform = (scale: number): number => (2 * uniformFloat64(rng) - 1) * scale;
    const x = Float64Array.from({ length: n }, () => uniform(1));
    const expected = Float64Array.from(x);
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    const g = new Float64Array(n);
    const c = {
      keep1: 0.9,
      take1: 1 - 0.9,
      keep2: 0.999,
      take2: 1 - 0.999,
      stepScale: 0,
      rootScale: 0,
      epsilon: 1e-8,
    };
    for (let t = 1; t <= 5; t++) {
      for (let i = 0; i < n; i++) g[i] = uniform(10 ** uniform(3));
      c.stepScale = 1e-3 / (1 - 0.9 ** t);
      c.rootScale = 1 / Math.sqrt(1 - 0.999 ** t);
      kernel.apply(x, g, c);
      for (let i = 0; i < n; i++) {
        const gi = g[i]!;
        m[i] = c.keep1 * m[i]! + c.take1 * gi;
        v[i] = c.keep2 * v[i]! + c.take2 * gi * gi;
        expected[i]! -= (c.stepScale * m[i]!) / (Math.sqrt(v[i]!) * c.rootScale + c.epsilon);
      }
    }
    expect(x).toEqual(expected);
    expect(kernel.m).toEqual(m);
    expect(kernel.v).toEqual(v);
  });
});
