import { stripVTControlCharacters } from 'node:util';
import { FASHION_MNIST_CLASS_NAMES } from '@digitlab/datasets';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { sampleDashboardState, sampleInfo } from '../../test-support/sample-dashboard.js';
import { Dashboard } from './dashboard.js';

const strip = (s: string) => stripVTControlCharacters(s);
const draw = (columns: number, rows: number, names?: readonly string[]) =>
  strip(
    renderToString(
      <Dashboard state={sampleDashboardState(columns, rows, 120, sampleInfo(names))} saveDir="m" />,
      { columns },
    ),
  );

describe('Dashboard view', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
    [120, 34],
    [100, 30],
    [60, 18],
  ] as const) {
    it(`fits a ${columns}×${rows} terminal, one row to spare`, () => {
      const lines = draw(columns, rows).split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows - 1);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
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
});
