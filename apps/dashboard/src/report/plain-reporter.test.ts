import { evaluationProgress, type SessionEvent } from '@digitlab/session';
import { describe, expect, it } from 'vitest';
import { jsonProgressLine } from '../cli/train-command.js';
import { sampleEvaluation, sampleInfo } from '../test-support/sample-dashboard.js';
import { evaluatingLine, plainReporter } from './plain-reporter.js';

/** An evaluating event of step 10 with `done` of 10,000 test images predicted in `elapsedMs`. */
const evaluating = (done: number, elapsedMs: number): SessionEvent => ({
  type: 'evaluating',
  progress: evaluationProgress({ step: 10, done, total: 10_000, elapsedMs }),
  partial: sampleEvaluation(10, 0.9, done),
});

describe('plainReporter', () => {
  it('writes the header, then one line per evaluation in progress a second at most', () => {
    const lines: string[] = [];
    const report = plainReporter((line) => lines.push(line));
    const events: SessionEvent[] = [
      { type: 'started', info: { ...sampleInfo(), unit: 'step' }, unit: 'step', total: 10 },
      { type: 'progress', point: { step: 10, total: 10, elapsedMs: 500 } },
      // Batches every 200 ms for 2.5 s: lines at the first batch past 1 s and past 2 s.
      ...Array.from({ length: 12 }, (_, i) => evaluating(1000 * (i + 1) * 0.8, 200 * (i + 1))),
      { type: 'evaluated', summary: sampleEvaluation(10, 0.9) },
    ];
    for (const event of events) report(event);
    expect(lines.find((l) => l.startsWith('held-out'))).toBe(
      'held-out  10000 test images, evaluated as often as training allows',
    );
    expect(lines.filter((l) => l.startsWith('evaluating'))).toEqual([
      'evaluating 4,000 / 10,000 test images (4,000/s, ETA 0:02)',
      'evaluating 8,000 / 10,000 test images (4,000/s, ETA 0:01)',
    ]);
    expect(lines.at(-1)).toMatch(/^step 10\/10 {2}test \d+\.\d\d% {2}20\.0 step\/s$/);
  });

  it('writes no line for an evaluation shorter than a second', () => {
    const lines: string[] = [];
    const report = plainReporter((line) => lines.push(line));
    for (const event of [evaluating(2000, 200), evaluating(6000, 600)]) report(event);
    expect(lines).toEqual([]);
  });
});

describe('plainReporter: the training-accuracy pass', () => {
  it('says how far a long one is, a line a second at most', () => {
    const lines: string[] = [];
    const report = plainReporter((line) => lines.push(line));
    for (const ms of [400, 800, 1200, 1600, 2000, 2400]) {
      report({
        type: 'measuringTrainAccuracy',
        progress: evaluationProgress({ step: 10, done: ms * 5, total: 20_000, elapsedMs: ms }),
      });
    }
    expect(lines).toEqual([
      'measuring training accuracy 6,000 / 20,000 training images (5,000/s, ETA 0:03)',
      'measuring training accuracy 10,000 / 20,000 training images (5,000/s, ETA 0:02)',
    ]);
  });
});

describe('evaluatingLine', () => {
  it('says how far, how fast and how long still, or – before a rate is known', () => {
    const p = evaluationProgress({ step: 3, done: 3072, total: 10_000, elapsedMs: 2490 });
    expect(evaluatingLine(p)).toBe('evaluating 3,072 / 10,000 test images (1,234/s, ETA 0:06)');
    const early = evaluationProgress({ step: 3, done: 0, total: 10_000, elapsedMs: 0 });
    expect(evaluatingLine(early)).toBe('evaluating 0 / 10,000 test images (–, ETA –)');
  });
});

describe('jsonProgressLine', () => {
  it('writes an evaluation in progress as one sparse JSON line', () => {
    expect(JSON.parse(jsonProgressLine(evaluating(3072, 2000)) ?? '')).toEqual({
      type: 'evaluating',
      step: 10,
      done: 3072,
      total: 10_000,
      elapsed_ms: 2000,
    });
  });

  it('writes a training-accuracy pass in progress as one sparse JSON line', () => {
    const event: SessionEvent = {
      type: 'measuringTrainAccuracy',
      progress: evaluationProgress({ step: 10, done: 3072, total: 20_000, elapsedMs: 2000 }),
    };
    expect(JSON.parse(jsonProgressLine(event) ?? '')).toEqual({
      type: 'measuring_train_accuracy',
      step: 10,
      done: 3072,
      total: 20_000,
      elapsed_ms: 2000,
    });
  });
});
