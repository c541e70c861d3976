import { describe, expect, it } from 'vitest';
import { sampleInfo } from '../test-support/sample-dashboard.js';
import { formatOptions, headerLines } from './header-model.js';

describe('headerLines', () => {
  it('describes data, model, optimizer and backend', () => {
    const lines = headerLines(sampleInfo());
    expect(lines.map((l) => l.label)).toEqual([
      'data',
      'model',
      'optimizer',
      'backend',
      'held-out',
    ]);
    expect(lines[0]!.text).toContain('10000 train (1000/class, seed 0)');
    expect(lines[1]!.text).toBe('softmax-regression C=1');
    expect(lines[2]!.text).toBe('lbfgs max-iter=500 tol=0.0001');
    expect(lines[3]!.text).toBe('cpu');
    expect(lines[4]!.text).toBe('10000 test images, evaluated every 10 steps');
  });

  it("shows only the solver settings the plugin's description mentions", () => {
    const info = {
      ...sampleInfo(),
      classifierOptions: { C: 1, solver: 'lbfgs', maxIter: 30, tol: 1e-4, momentum: 0.9, m: 10 },
      optimizerDescription: 'lbfgs (C=1, maxIter=30, tol=1e-4, m=10)',
    };
    expect(headerLines(info)[2]!.text).toBe('lbfgs max-iter=30 tol=0.0001 m=10');
  });

  it('mentions why the backend is not the one asked for, and the plugin notes', () => {
    const info = { ...sampleInfo(), backendNote: 'wasm unavailable', notes: ['2 workers idle'] };
    expect(headerLines(info)[3]!.text).toBe('cpu (wasm unavailable; 2 workers idle)');
  });

  it('shows how the work is spread with the backend, not with the model', () => {
    const info = {
      ...sampleInfo(),
      classifierOptions: { C: 1, solver: 'lbfgs', layout: 'sparse', workers: 2 },
    };
    expect(headerLines(info)[1]!.text).toBe('softmax-regression C=1');
    expect(headerLines(info)[3]!.text).toBe('cpu layout=sparse workers=2');
  });

  it('formats options with CLI spellings and hides bookkeeping ones', () => {
    expect(formatOptions({ C: 0.5, maxIter: 10, seed: 3, backend: 'cpu' }, () => true)).toBe(
      'C=0.5 max-iter=10',
    );
  });
});
