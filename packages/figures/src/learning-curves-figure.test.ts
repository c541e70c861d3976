import { describe, expect, it } from 'vitest';
import { FiguresError } from './figures-error.js';
import { learningCurvesFigure, type ProgressPoint } from './learning-curves-figure.js';
import { renderPng } from './render-png.js';
import {
  decodePng,
  descendants,
  inkAtText,
  offsetOf,
  parseSvg,
  texts,
} from './testing/svg-and-png.js';

/** An L-BFGS-like history: the objective falls, the gradient shrinks by decades, accuracy every 10. */
function lbfgsHistory(steps: number): ProgressPoint[] {
  return Array.from({ length: steps }, (_, i) => {
    const step = i + 1;
    const point: ProgressPoint = {
      step,
      objective: 1000 / step + 200,
      gradientNorm: 100 * 10 ** (-step / 10),
      trainAccuracy: 0.9 + 0.09 * (1 - 1 / step),
    };
    return step % 10 === 0 ? { ...point, testAccuracy: 0.88 + 0.02 * (1 - 1 / step) } : point;
  });
}

/** The aria descriptions of the figure's axes. */
function axes(svg: string): string[] {
  return descendants(parseSvg(svg))
    .filter((el) => el.getAttribute('aria-roledescription') === 'axis')
    .map((el) => el.getAttribute('aria-label') ?? '');
}

/** x of every vertical rule drawn in the stop colour, in figure coordinates. */
function stopRules(svg: string): number[] {
  return descendants(parseSvg(svg))
    .filter((el) => el.tagName === 'line' && el.getAttribute('stroke') === '#c0392b')
    .map((el) => offsetOf(el).x);
}

describe('learningCurvesFigure', () => {
  it('draws objective, max |gradient| on a log scale and train/test accuracy against the step', async () => {
    const figure = await learningCurvesFigure({
      history: lbfgsHistory(60),
      unit: 'iteration',
      stop: { step: 60, reason: 'max-iter' },
      run: { model: 'softmax-regression', dataset: 'MNIST' },
    });
    const described = axes(figure!.svg);
    expect(
      described.filter((a) => a.startsWith("Y-axis titled 'objective' for a linear scale")),
    ).toHaveLength(1);
    expect(
      described.filter((a) => a.startsWith("Y-axis titled 'max |gradient|' for a log scale")),
    ).toHaveLength(1);
    expect(
      described.filter((a) => a.startsWith("Y-axis titled 'accuracy' for a linear scale")),
    ).toHaveLength(1);
    expect(described.filter((a) => a.startsWith("X-axis titled 'Iteration'"))).toHaveLength(1);
    const all = texts(parseSvg(figure!.svg));
    expect(all).toContain('Learning curves: softmax-regression on MNIST');
    expect(all).toEqual(expect.arrayContaining(['train', 'test']));
    // The gradient axis is labelled at powers of ten: 100 down to 100·10⁻⁶.
    expect(all).toEqual(expect.arrayContaining(['1e2', '1e0', '1e-2', '1e-4']));
  });

  it('marks the stop on every panel at the same step, labelled with its reason, and says why under the title', async () => {
    const message = 'converged: max |g_i| = 8.1e-6 <= gtol 1e-5 after 45 iterations';
    const figure = await learningCurvesFigure({
      history: lbfgsHistory(45),
      unit: 'iteration',
      stop: { step: 45, reason: 'gtol', message },
    });
    const rules = stopRules(figure!.svg);
    expect(rules).toHaveLength(3);
    expect(new Set(rules).size).toBe(1);
    const all = texts(parseSvg(figure!.svg));
    expect(all).toContain('stop: gtol at iteration 45');
    expect(all).toContain(message);
  });

  it('leaves out the panels of quantities the history lacks', async () => {
    // A k-NN fit: held-out accuracy per chunk, no objective, no gradient, no training accuracy.
    const history = [1, 2, 3].map((step) => ({ step, testAccuracy: 0.9 + step / 100 }));
    const figure = await learningCurvesFigure({
      history,
      unit: 'step',
      stop: { step: 3, reason: 'completed' },
    });
    const described = axes(figure!.svg);
    expect(described.filter((a) => a.startsWith('Y-axis'))).toHaveLength(1);
    expect(described.some((a) => a.includes("'accuracy'"))).toBe(true);
    expect(described.some((a) => a.includes("'objective'") || a.includes('gradient'))).toBe(false);
    expect(described.some((a) => a.startsWith("X-axis titled 'Step'"))).toBe(true);
    expect(stopRules(figure!.svg)).toHaveLength(1);
    expect(texts(parseSvg(figure!.svg))).not.toContain('train');
  });

  it('gives a single evaluation room on its axis, accuracy never past 1', async () => {
    const history = [{ step: 1, testAccuracy: 0.9612 }];
    const figure = await learningCurvesFigure({ history, unit: 'step' });
    const accuracyAxis = axes(figure!.svg).find((a) => a.startsWith("Y-axis titled 'accuracy'"));
    expect(accuracyAxis).toMatch(/with values from 0\.9\d* to 1\.00$/);
  });

  it('leaves gradient norms a log axis cannot show (0) off the curve', async () => {
    const history = [
      { step: 1, gradientNorm: 1 },
      { step: 2, gradientNorm: 0 },
      { step: 3, gradientNorm: 0.01 },
    ];
    const figure = await learningCurvesFigure({ history, unit: 'iteration' });
    expect(axes(figure!.svg).some((a) => a.includes("'max |gradient|' for a log scale"))).toBe(
      true,
    );
    const panel = await learningCurvesFigure({
      history: [{ step: 1, gradientNorm: 0 }],
      unit: 'iteration',
    });
    expect(panel).toBeUndefined();
  });

  it('has nothing to draw for a history without quantities', async () => {
    await expect(learningCurvesFigure({ history: [], unit: 'epoch' })).resolves.toBeUndefined();
    await expect(
      learningCurvesFigure({
        history: [{ step: 1 }, { step: 2 }],
        unit: 'epoch',
        stop: { step: 2, reason: 'epochs' },
      }),
    ).resolves.toBeUndefined();
  });

  it('renders a 500-step history to a PNG of its size with the title drawn', async () => {
    const figure = (await learningCurvesFigure({ history: lbfgsHistory(500), unit: 'iteration' }))!;
    const raster = decodePng(renderPng(figure.svg, { scale: 2 }));
    expect([raster.width, raster.height]).toEqual([figure.width * 2, figure.height * 2]);
    expect(inkAtText(parseSvg(figure.svg), raster, 2, 'Learning curves')).toBeGreaterThan(50);
  });

  it('refuses a step that is not a number', async () => {
    const history = [{ step: Number.NaN, objective: 1 }];
    await expect(learningCurvesFigure({ history, unit: 'epoch' })).rejects.toThrow(FiguresError);
    await expect(learningCurvesFigure({ history, unit: 'epoch' })).rejects.toThrow(
      'learningCurvesFigure: expected history[0].step to be a finite number, found NaN',
    );
  });
});
