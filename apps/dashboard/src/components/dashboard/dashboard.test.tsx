import { stripVTControlCharacters } from 'node:util';
import { FASHION_MNIST_CLASS_NAMES } from '@digitlab/datasets';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import {
  sampleDashboardState,
  sampleEvaluating,
  sampleEvaluation,
  sampleInfo,
  sampleKnnActions,
  sampleMeasuring,
  sampleRunActions,
} from '../../test-support/sample-dashboard.js';
import { Dashboard } from './dashboard.js';
import type { DashboardAction } from './dashboard-action.js';
import {
  type DashboardState,
  dashboardReducer,
  initialDashboardState,
} from './dashboard-reducer.js';

const strip = (s: string) => stripVTControlCharacters(s);
const render = (state: DashboardState) =>
  strip(renderToString(<Dashboard state={state} saveDir="m" />, { columns: state.size.columns }));
const draw = (columns: number, rows: number, names?: readonly string[]) =>
  render(sampleDashboardState(columns, rows, 120, sampleInfo(names)));
const stateOf = (columns: number, rows: number, actions: DashboardAction[]) =>
  actions.reduce(dashboardReducer, initialDashboardState({ columns, rows }));

const SIZES = [
  [80, 24],
  [120, 40],
  [120, 34],
  [100, 30],
  [72, 22],
  [60, 18],
] as const;

/** The held-out evaluation's states, in an iterative run and in a k-NN-like one. */
const STATES: Record<string, DashboardAction[]> = {
  'waiting for the first evaluation': sampleRunActions(5, 1000),
  'evaluating with a partial matrix': [...sampleRunActions(25, 10), sampleEvaluating(26, 3072)],
  complete: sampleRunActions(120, 10),
  'k-NN waiting': sampleKnnActions(9),
  'k-NN evaluating': sampleKnnActions(10, 3072),
  'k-NN measuring its training accuracy': [
    ...sampleKnnActions(10, 9856),
    sampleMeasuring(10, 3072),
  ],
  'k-NN complete': [
    ...sampleKnnActions(10, 9000),
    { type: 'progress', point: { step: 10, total: 10, elapsedMs: 210, trainAccuracy: 0.97 } },
    { type: 'evaluated', summary: sampleEvaluation(10, 0.95, 10_000) },
  ],
};

function expectToFit(text: string, columns: number, rows: number): void {
  const lines = text.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
}

describe('Dashboard view', () => {
  for (const [columns, rows] of SIZES) {
    it(`fits a ${columns}×${rows} terminal, one row to spare, in every held-out state`, () => {
      expectToFit(draw(columns, rows), columns, rows);
      for (const actions of Object.values(STATES))
        expectToFit(render(stateOf(columns, rows, actions)), columns, rows);
    });
  }

  it('shows all ten classes on both axes with counts at 80×24', () => {
    const text = draw(80, 24);
    expect(text).toMatch(/^\s+0\s+1\s+2\s+3\s+4\s+5\s+6\s+7\s+8\s+9\s+prec/m);
    for (let c = 0; c < 10; c++) expect(text).toMatch(new RegExp(`^${c}\\s+\\d+`, 'm'));
    expect(text).toContain('most confused');
    expect(text).toContain('tensors 14 · RSS 312 MiB');
  });

  it('writes truncated Fashion-MNIST class names on the axes', () => {
    const text = draw(80, 24, FASHION_MNIST_CLASS_NAMES);
    expect(text).toContain('T-sh Trou Pull Dres Coat Sand Shir Snea  Bag Ankl');
    expect(text).toMatch(/^Trouser\s+\d/m);
  });

  it('asks for a larger terminal instead of drawing a broken matrix', () => {
    const text = draw(60, 18);
    expect(text).toContain('enlarge the terminal');
    expect(text).not.toContain('prec');
  });

  it("counts the plugin's evaluations in its own unit", () => {
    const info = { ...sampleInfo(), evaluationsUnit: 'batches' };
    const text = render(sampleDashboardState(80, 24, 30, info));
    expect(text).toMatch(/30\/500 iter · 34 batches ·/);
  });
});

describe('Dashboard view: the held-out evaluation', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    it(`says when the first matrix comes while waiting (${columns}×${rows})`, () => {
      const text = render(stateOf(columns, rows, STATES['waiting for the first evaluation']!));
      expect(text).toContain(
        'waiting for the first held-out evaluation (after the first iteration)…',
      );
      expect(text).toContain('held-out: 10,000 test images, evaluated as often as training allows');
    });

    it(`shows the evaluation's progress and its partial matrix (${columns}×${rows})`, () => {
      const text = render(stateOf(columns, rows, STATES['evaluating with a partial matrix']!));
      expect(text).toMatch(
        /[█▏▎▍▌▋▊▉]+░+ evaluating 3,072 \/ 10,000 test images · 1,234\/s · ETA 0:06/,
      );
      expect(text).toMatch(/confusion matrix · iter 26 · partial \(3,072 of 10,000\) · counts/);
      // The matrix holds the 3,072 samples done so far: about 307 a class, 277 of them right.
      expect(text).toMatch(/\b0 +277 +12 /);
    });

    it(`shows the complete matrix, no longer partial (${columns}×${rows})`, () => {
      const text = render(stateOf(columns, rows, STATES.complete!));
      expect(text).toMatch(/confusion matrix · iter 120 · counts/);
      expect(text).not.toContain('partial');
      expect(text).toMatch(/held-out: 12 evaluations, the last at iter 120 in 0\.00 s/);
    });
  }

  it("gives a k-NN run's unreported metrics' rows to the most-confused pairs (80×24)", () => {
    const waiting = render(stateOf(80, 24, STATES['k-NN waiting']!));
    for (const label of ['objective', '|gradient|', 'train acc', 'test acc'])
      expect(waiting).not.toContain(label);
    expect(waiting).not.toContain('f-evals');
    expect(waiting).toContain('9/10 step');
    const evaluating = render(stateOf(80, 24, STATES['k-NN evaluating']!));
    expect(evaluating).toContain('evaluating 3,072 / 10,000 test images · 1,234/s · ETA 0:06');
    const complete = render(stateOf(80, 24, STATES['k-NN complete']!));
    expect(complete).toMatch(/train acc\s+97\.00%.*test acc\s+9\d\.\d\d%/);
    expect(complete).not.toContain('objective');
    // One metrics line, so the pairs have two.
    const pairLines = complete.split('\n').filter((l) => /\d → \d: \d+ \(/.test(l));
    expect(pairLines).toHaveLength(2);
    expect(pairLines[0]).toMatch(/^most confused /);
  });

  it('says what runs after a k-NN evaluation: its training-accuracy pass', () => {
    for (const [columns, rows] of [
      [80, 24],
      [120, 40],
    ] as const) {
      const text = render(stateOf(columns, rows, STATES['k-NN measuring its training accuracy']!));
      expect(text).toMatch(/measuring training accuracy 3,072 \/ 20,000 training images · 500\/s/);
      expect(text).toMatch(/partial \(9,856 of 10,000\)/);
    }
  });

  it('keeps the k-NN sidebar to what the plugin reports (120×40)', () => {
    const text = render(stateOf(120, 40, STATES['k-NN evaluating']!));
    expect(text).not.toContain('objective');
    expect(text).toContain('evaluating 3,072 / 10,000 test images');
    expect(text).toMatch(/partial \(3,072 of 10,000\)/);
  });
});
