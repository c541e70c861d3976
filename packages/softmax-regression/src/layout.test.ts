import { ClassifierInputError } from '@digitlab/core';
import { describe, expect, it } from 'vitest';
import { chooseLayout, SPARSE_DENSITY_LIMIT } from './layout.js';

const mnist = { numSamples: 60_000, numFeatures: 784, numClasses: 10 };
const withDensity = (density: number) => ({ ...mnist, density });

describe('chooseLayout', () => {
  it('auto takes compressed rows for MNIST-like density on wasm, dense tensors above the limit', () => {
    expect(chooseLayout('auto', withDensity(0.19), 'wasm', true)).toMatchObject({
      layout: 'sparse',
      density: expect.closeTo(0.19, 6),
    });
    expect(chooseLayout('auto', withDensity(SPARSE_DENSITY_LIMIT), 'wasm', true).layout).toBe(
      'sparse',
    );
    expect(chooseLayout('auto', withDensity(0.9), 'wasm', true).layout).toBe('dense');
  });

  it('auto takes compressed rows at any density on the cpu backend', () => {
    expect(chooseLayout('auto', withDensity(1), 'cpu', true).layout).toBe('sparse');
  });

  it('dense is taken as asked, without counting', () => {
    expect(chooseLayout('dense', { ...mnist, density: undefined }, 'cpu', true)).toEqual({
      layout: 'dense',
      density: undefined,
    });
    expect(chooseLayout('dense', withDensity(0.1), 'wasm', true).layout).toBe('dense');
  });

  it('auto falls back to dense with a note when the kernel cannot be used', () => {
    expect(chooseLayout('auto', withDensity(0.19), 'wasm', false)).toMatchObject({
      layout: 'dense',
      note: 'dense layout: compressed rows are not available because this JavaScript engine has no WebAssembly SIMD',
    });
    const wide = { numSamples: 10, numFeatures: 70_000, numClasses: 2, density: 0.1 };
    expect(chooseLayout('auto', wide, 'wasm', true).note).toMatch(
      /70000 features exceed the 65536 column indices/,
    );
  });

  it('sparse fails with the reason when the kernel cannot hold the data', () => {
    const huge = { numSamples: 400_000_000, numFeatures: 784, numClasses: 10, density: 0.0025 };
    expect(() => chooseLayout('sparse', huge, 'wasm', true)).toThrow(ClassifierInputError);
    expect(() => chooseLayout('sparse', huge, 'wasm', true)).toThrow(
      /layout 'sparse': expected data the compressed-row kernel can hold, found that 400000000 rows with about 784000000 nonzeros exceed WebAssembly's 4 GiB memory \(use layout 'dense'\)/,
    );
    expect(() => chooseLayout('sparse', withDensity(0.2), 'wasm', false)).toThrow(
      /no WebAssembly SIMD/,
    );
  });
});
