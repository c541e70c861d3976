import { afterEach, describe, expect, it } from 'vitest';
import { strip, unmountAll, unmountLater } from '../../test-support/ink-test.js';
import { mountDashboardApp } from '../../test-support/mount-dashboard-app.js';
import { renderInColumns } from '../../test-support/render-in-columns.js';
import { sampleDashboardState, sampleInfo } from '../../test-support/sample-dashboard.js';
import { sampleImages, sampleMistakes } from '../../test-support/sample-digits.js';
import type { ColourDepth } from '../../view-models/colour-depth.js';
import { Dashboard } from '../dashboard/dashboard.js';
import type { DashboardAction } from '../dashboard/dashboard-action.js';
import { dashboardReducer } from '../dashboard/dashboard-reducer.js';

afterEach(unmountAll);

type Panel = 'weights' | 'mistakes';

/** A dashboard mid-run with the session's pictures in, and `panel` shown. */
function drawPanel(
  columns: number,
  rows: number,
  panel: Panel,
  depth: ColourDepth,
  extra: DashboardAction[] = [
    { type: 'images', images: sampleImages(120) },
    { type: 'mistakes', sample: sampleMistakes(120) },
  ],
  info = sampleInfo(),
) {
  const state = [
    ...extra,
    { type: panel === 'weights' ? 'toggleWeights' : 'toggleMistakes' } as const,
  ].reduce(dashboardReducer, sampleDashboardState(columns, rows, 120, info));
  const app = unmountLater(
    renderInColumns(<Dashboard state={state} saveDir="m" colourDepth={depth} />, columns),
  );
  const raw = app.lastFrame() ?? '';
  return { raw, text: strip(raw) };
}

/** An SGR escape whose parameters match `pattern`. */
const sgr = (pattern: string) => new RegExp(`\\u001b\\[${pattern}`);

/** Lines with half blocks: the pictures' lines. */
const pictureLines = (text: string) => text.split('\n').filter((l) => l.includes('▀'));

describe('digit panels', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    for (const panel of ['weights', 'mistakes'] as const) {
      for (const depth of ['truecolor', 'ansi256', 'none'] as const) {
        it(`draws the ${panel} at ${columns}×${rows} in ${depth}, inside the terminal`, () => {
          const { raw, text } = drawPanel(columns, rows, panel, depth);
          const lines = text.split('\n');
          expect(lines.length).toBeLessThanOrEqual(rows - 1);
          for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
          if (depth === 'truecolor') {
            // Ink writes the foreground and background as separate escapes.
            expect(raw).toMatch(sgr('38;2;\\d+;\\d+;\\d+m'));
            expect(raw).toMatch(sgr('48;2;\\d+;\\d+;\\d+m▀'));
            expect(raw).not.toMatch(/[34]8;5;/);
          } else if (depth === 'ansi256') {
            expect(raw).toMatch(sgr('38;5;\\d+m'));
            expect(raw).toMatch(sgr('48;5;\\d+m▀'));
            expect(raw).not.toMatch(/[34]8;2;/);
          } else {
            expect(raw).not.toMatch(/[34]8;[25];/);
            expect(text).not.toContain('▀');
            expect(text).toMatch(/[@#]/);
          }
          // The panel stands in for the confusion matrix.
          expect(text).not.toContain('confusion matrix');
        });
      }
    }
  }

  it('shows all ten weight images at a third of their size at 80×24, with their classes', () => {
    const { text } = drawPanel(80, 24, 'weights', 'truecolor');
    expect(text).toContain('Coefficients per class · iter 120 · red −, blue +, limits ±');
    // Two rows of tiles 10 columns wide: seven, then three, each picture five lines.
    const pictures = pictureLines(text);
    expect(pictures).toHaveLength(10);
    expect([...(pictures[0] ?? '')].filter((c) => c === '▀')).toHaveLength(7 * 10);
    expect([...(pictures[5] ?? '')].filter((c) => c === '▀')).toHaveLength(3 * 10);
    expect(text).toMatch(/^0 {10}1 {10}2 {10}3 {10}4 {10}5 {10}6$/m);
    expect(text).toMatch(/^7 {10}8 {10}9$/m);
  });

  it('shows the weights at half size in the right-hand panel at 120×40, keeping the sidebar', () => {
    const { text } = drawPanel(120, 40, 'weights', 'ansi256');
    const pictures = pictureLines(text);
    // Three rows of 4, 4 and 2 tiles of 14 columns, each picture seven lines.
    expect(pictures).toHaveLength(21);
    expect([...(pictures[0] ?? '')].filter((c) => c === '▀')).toHaveLength(4 * 14);
    expect(text).toContain('class  prec   rec    f1  support');
  });

  it('captions each mistake true → predicted, the errors of every class in turn', () => {
    const { text } = drawPanel(120, 40, 'mistakes', 'none');
    expect(text).toContain('misclassified · iter 120 · 74 of 1000 test samples · true → predicted');
    expect(text).toMatch(/0 → 6 +1 → 7 +2 → 8 +3 → 5/);
    // Twelve half-size digits fit: three rows of four.
    expect(text.match(/\d → \d/g)).toHaveLength(12);
  });

  it('sits beside the confusion matrix when the terminal is wide enough for both', () => {
    const { text } = drawPanel(160, 40, 'weights', 'truecolor');
    expect(text).toContain('confusion matrix · iter 120');
    expect(text).toContain('Coefficients per class');
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(160);
  });

  it('says so when the plugin has no weights to show, or before the first evaluation', () => {
    const knn = drawPanel(
      80,
      24,
      'weights',
      'truecolor',
      [{ type: 'images', images: { step: 1, sets: [] } }],
      { ...sampleInfo(), classifier: 'knn' },
    );
    expect(knn.text).toContain('knn has no weights to show');
    const early = drawPanel(80, 24, 'mistakes', 'truecolor', []);
    expect(early.text).toContain('waiting for the first held-out evaluation');
  });

  it('w and m toggle the panels in a running dashboard, one at a time', async () => {
    const { emit, events, press, frame } = await mountDashboardApp({
      colourDepth: 'truecolor',
    });
    await emit(
      ...events,
      { type: 'images', images: sampleImages(40) },
      { type: 'mistakes', sample: sampleMistakes(40) },
    );
    expect(frame()).toContain('confusion matrix · iter 40');
    await press('w');
    expect(frame()).toContain('Coefficients per class · iter 40');
    expect(frame()).toContain('▀');
    await press('m');
    expect(frame()).toContain('misclassified · iter 40');
    expect(frame()).toMatch(/\d → \d/);
    await press('m');
    expect(frame()).toContain('confusion matrix · iter 40');
    expect(frame()).not.toContain('▀');
  });
});
