import { describe, expect, it } from 'vitest';
import { FiguresError } from './figures-error.js';
import { descendants, parseSvg, texts } from './testing/svg-and-png.js';
import { validationCurveFigure, validationCurveSpec } from './validation-curve-figure.js';

const points = [0.001, 0.01, 0.1, 1, 10, 100].map((value, i) => ({
  value,
  mean: [0.85, 0.89, 0.905, 0.897, 0.875, 0.865][i] as number,
  std: 0.006,
}));

describe('validationCurveFigure', () => {
  it('draws the mean score against C on a log axis, with the band and the best C named', async () => {
    const figure = await validationCurveFigure({
      param: 'C',
      points,
      best: 0.1,
      folds: 5,
      run: { model: 'softmax-regression', dataset: 'MNIST' },
    });
    const words = texts(parseSvg(figure.svg));
    expect(words).toContain('Validation curve: softmax-regression on MNIST');
    expect(words).toContain('5-fold stratified CV, mean ± std · best C = 0.1 (0.9050)');
    expect(words).toContain('C');
    expect(words).toContain('mean CV accuracy');
    // Powers of ten label the log axis.
    for (const tick of ['0.001', '0.01', '0.1', '1', '10', '100']) expect(words).toContain(tick);
    const paths = descendants(parseSvg(figure.svg)).filter((el) => el.tagName === 'path');
    expect(paths.some((el) => el.getAttribute('fill') === '#c0392b')).toBe(true);
  });

  it('uses a linear axis when the values do not span a decade or include zero', () => {
    const spec = validationCurveSpec({
      param: 'shrink',
      points: [0, 0.5, 1].map((value) => ({ value, mean: 0.8, std: 0 })),
    });
    expect(JSON.stringify(spec)).not.toContain('"type":"log"');
  });

  it('rejects an empty sweep and scores that are not numbers, naming the field', () => {
    expect(() => validationCurveSpec({ param: 'C', points: [] })).toThrow(
      new FiguresError('validationCurveFigure', 'points', 'to hold at least one point', 'none'),
    );
    expect(() =>
      validationCurveSpec({ param: 'C', points: [{ value: 1, mean: Number.NaN, std: 0 }] }),
    ).toThrow('validationCurveFigure: expected points[0].mean to be a finite number, found NaN');
  });
});
