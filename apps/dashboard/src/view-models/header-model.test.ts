import { type ClassifierPlugin, describeOptions } from '@digitlab/core';
import { DEFAULT_OPTIONS as KNN_DEFAULTS, knn } from '@digitlab/knn';
import { mlp } from '@digitlab/mlp';
import type { SessionInfo } from '@digitlab/session';
import { softmaxRegression } from '@digitlab/softmax-regression/node';
import { describe, expect, it } from 'vitest';
import { sampleInfo } from '../test-support/sample-dashboard.js';
import { formatOptions, headerLines } from './header-model.js';

const line = (info: SessionInfo, label: string) =>
  headerLines(info).find((l) => l.label === label)?.text;

describe('headerLines', () => {
  it('describes data, model, optimizer, backend and the held-out set', () => {
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
    expect(lines[4]!.text).toBe('10000 test images, evaluated as often as training allows');
  });

  it('places each option by its schema metadata, whatever its name', () => {
    const info: SessionInfo = {
      ...sampleInfo(),
      classifierOptions: { maxIter: 3, zeta: 0.5, lanes: 4 },
      optionDescriptions: [
        { name: 'maxIter', type: 'integer', group: 'model' },
        { name: 'zeta', type: 'number', group: 'solver' },
        { name: 'lanes', type: 'integer', group: 'runtime' },
      ],
    };
    expect(line(info, 'model')).toBe('softmax-regression max-iter=3');
    expect(line(info, 'optimizer')).toBe('lbfgs zeta=0.5');
    expect(line(info, 'backend')).toBe('cpu lanes=4');
  });

  it("shows a solver's own options only while that solver is in use", () => {
    const info = (solver: string): SessionInfo => ({
      ...sampleInfo(),
      classifierOptions: { solver, maxIter: 30, tol: 1e-4, momentum: 0.9 },
      optionDescriptions: [
        { name: 'solver', type: 'enum', group: 'solver', selectsSolver: true },
        { name: 'maxIter', type: 'integer', group: 'solver', solvers: ['lbfgs'] },
        { name: 'tol', type: 'number', group: 'solver' },
        { name: 'momentum', type: 'number', group: 'solver', solvers: ['sgd'] },
      ],
      optimizer: solver,
    });
    expect(line(info('lbfgs'), 'optimizer')).toBe('lbfgs max-iter=30 tol=0.0001');
    expect(line(info('sgd'), 'optimizer')).toBe('sgd tol=0.0001 momentum=0.9');
  });

  it('leaves out options marked header: false; an option without metadata goes with the model', () => {
    const info: SessionInfo = {
      ...sampleInfo(),
      classifierOptions: { C: 1, seed: 3, backend: 'cpu', sharpness: 20 },
      optionDescriptions: [
        { name: 'C', type: 'number', group: 'model' },
        { name: 'seed', type: 'integer', header: false },
        { name: 'backend', type: 'enum', group: 'runtime', header: false },
      ],
    };
    expect(line(info, 'model')).toBe('softmax-regression C=1 sharpness=20');
    expect(line(info, 'backend')).toBe('cpu');
  });

  it("uses the plugin's own description when no option selects a solver", () => {
    const info: SessionInfo = {
      ...sampleInfo(),
      classifierOptions: { k: 5 },
      optionDescriptions: [{ name: 'k', type: 'integer', group: 'model' }],
      optimizer: undefined,
      optimizerDescription: 'k-nearest neighbours (k=5) on the cpu backend',
    };
    expect(line(info, 'optimizer')).toBe('k-nearest neighbours (k=5) on the cpu backend');
    expect(line({ ...info, optimizerDescription: '' }, 'optimizer')).toBe('built in');
  });

  it('mentions why the backend is not the one asked for, and the plugin notes', () => {
    const info = { ...sampleInfo(), backendNote: 'wasm unavailable', notes: ['2 workers idle'] };
    expect(line(info, 'backend')).toBe('cpu (wasm unavailable; 2 workers idle)');
  });

  it("says when the held-out set is evaluated, in the plugin's unit", () => {
    expect(line({ ...sampleInfo(), unit: 'epoch', evalEvery: 1 }, 'held-out')).toBe(
      '10000 test images, evaluated after every epoch',
    );
    expect(line({ ...sampleInfo(), evalEvery: 0 }, 'held-out')).toBe(
      '10000 test images, evaluated once, at the end',
    );
    expect(line({ ...sampleInfo(), unit: 'step', evalEvery: 5 }, 'held-out')).toBe(
      '10000 test images, evaluated every 5 steps',
    );
  });

  it('formats options with CLI spellings', () => {
    expect(formatOptions({ C: 0.5, maxIter: 10, seed: 3, tol: 1e-4 }, (n) => n !== 'seed')).toBe(
      'C=0.5 max-iter=10 tol=0.0001',
    );
  });
});

describe('headerLines with the shipped plugins', () => {
  /** What the session reports for a plugin's options, before training. */
  function infoFor(plugin: ClassifierPlugin, raw: Record<string, unknown>): SessionInfo {
    const optionDescriptions = describeOptions(plugin.options);
    const classifierOptions = plugin.options.parse(raw) as Record<string, unknown>;
    const selector = optionDescriptions.find((d) => d.selectsSolver === true);
    const solver = selector ? classifierOptions[selector.name] : undefined;
    return {
      ...sampleInfo(),
      classifier: plugin.name,
      classifierOptions,
      optionDescriptions,
      optimizer: typeof solver === 'string' ? solver : undefined,
      optimizerDescription: `${plugin.name} settings`,
    };
  }
  const plugins = {
    softmax: softmaxRegression() as unknown as ClassifierPlugin,
    mlp: mlp() as unknown as ClassifierPlugin,
    knn: knn() as unknown as ClassifierPlugin,
  };

  // The header lines each plugin's options give; a line not listed is not checked.
  it.each([
    {
      // C with the model, each solver with its own settings.
      plugin: plugins.softmax,
      options: { solver: 'lbfgs', workers: 2 },
      lines: {
        model: 'softmax-regression C=1',
        optimizer: 'lbfgs max-iter=100 tol=0.0001 m=10',
        backend: 'cpu layout=auto workers=2',
      },
    },
    {
      plugin: plugins.softmax,
      options: { solver: 'sgd', workers: 2 },
      lines: {
        // learningRate unset: each solver takes its own (the start event's description names it).
        optimizer: 'sgd batch-size=500 epochs=4 schedule=cosine momentum=0.9',
        // Workers shard L-BFGS's full-batch gradient; mini-batch solvers do not use them.
        backend: 'cpu layout=auto',
      },
    },
    {
      plugin: plugins.softmax,
      options: { solver: 'adam' },
      lines: { optimizer: 'adam batch-size=500 epochs=4 schedule=cosine' },
    },
    {
      plugin: plugins.softmax,
      options: { solver: 'adam', learningRate: 0.02, schedule: 'constant' },
      lines: { optimizer: 'adam learning-rate=0.02 batch-size=500 epochs=4 schedule=constant' },
    },
    {
      // The network's shape with the model, adam's stopping rule with the solver.
      plugin: plugins.mlp,
      options: {},
      lines: {
        model: 'mlp hidden-units=128 alpha=0.0001',
        optimizer:
          'adam learning-rate=0.001 batch-size=200 epochs=10 tol=0.0001 n-iter-no-change=10',
        backend: 'cpu',
      },
    },
    {
      plugin: plugins.mlp,
      options: { solver: 'lbfgs' },
      lines: { optimizer: 'lbfgs max-iter=200 tol=0.0001' },
    },
  ])('$plugin.name with $options', ({ plugin, options, lines }) => {
    const info = infoFor(plugin, options);
    for (const [label, text] of Object.entries(lines)) expect(line(info, label)).toBe(text);
  });

  it('knn: no solver, so its description; its search and the batch size with the backend', () => {
    const info = infoFor(plugins.knn, {});
    expect(info.optimizer).toBeUndefined();
    expect(line(info, 'model')).toBe('knn k=5 weights=uniform');
    expect(line(info, 'optimizer')).toBe('knn settings');
    expect(line(info, 'backend')).toBe(
      `cpu algorithm=auto workers=${KNN_DEFAULTS.workers} batch-size=256`,
    );
  });
});
