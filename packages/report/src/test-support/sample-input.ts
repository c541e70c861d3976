import type { ImageSet } from '@digitlab/core';
import { seededRandom } from '@digitlab/core/testing';
import type { HistoryPoint, ReportInput } from '../report-input.js';

export const SAMPLE_CLASSES = ['zero', 'one', 'two'] as const;
export const SAMPLE_SHAPE = [6, 6] as const;
export const SAMPLE_TEST_SIZE = 60;
export const SAMPLE_STEPS = 20;

/** The `--json` object a run would print; the writer only copies it. */
export const SAMPLE_RESULT = {
  dataset: 'generated',
  classifier: 'softmax-regression',
  test_accuracy: 0.8,
  per_class: [{ class: 'zero', precision: 1 }],
  nested: { list: [1, 2, 3], flag: true, nothing: null },
} as const;

/**
 * A small generated run: three classes of 6×6 images, 60 held-out samples with probabilities (a
 * few confident mistakes), 20 iterations of history with evaluations every 5, one coefficient set.
 */
export function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const next = seededRandom(7);
  const k = SAMPLE_CLASSES.length;
  const n = SAMPLE_TEST_SIZE;
  const size = SAMPLE_SHAPE[0] * SAMPLE_SHAPE[1];
  const labels = new Uint8Array(n);
  const predictions = new Int32Array(n);
  const probabilities = new Float32Array(n * k);
  const images = new Float32Array(n * size);
  for (let i = 0; i < n; i++) {
    const label = i % k;
    labels[i] = label;
    // Every sixth sample is wrong, the rest right.
    const predicted = i % 6 === 5 ? (label + 1) % k : label;
    predictions[i] = predicted;
    const top = 0.5 + 0.45 * next();
    for (let c = 0; c < k; c++)
      probabilities[i * k + c] = c === predicted ? top : (1 - top) / (k - 1);
    for (let j = 0; j < size; j++) {
      // A bright column whose position follows the class, over faint noise.
      const column = j % SAMPLE_SHAPE[1];
      images[i * size + j] = column === label * 2 ? 0.9 : 0.1 * next();
    }
  }
  const points: HistoryPoint[] = Array.from({ length: SAMPLE_STEPS }, (_, s) => {
    const step = s + 1;
    return {
      step,
      total: 50,
      evaluations: step + 1,
      objective: 1.2 / step,
      gradientNorm: 0.5 / step ** 2,
      elapsedMs: step * 12,
      ...(step % 5 === 0
        ? { trainAccuracy: 0.6 + step / 100, testAccuracy: 0.55 + step / 100 }
        : {}),
    };
  });
  const coefficients: ImageSet = {
    name: 'coefficients',
    title: 'Coefficients per class',
    scale: 'diverging',
    shape: SAMPLE_SHAPE,
    images: SAMPLE_CLASSES.map((label, c) => ({
      label,
      values: Float32Array.from({ length: size }, (_, j) => ((j % SAMPLE_SHAPE[1]) - 2 * c) / 6),
    })),
  };
  return {
    run: { model: 'softmax-regression', dataset: 'generated' },
    settings: [
      { name: 'dataset', value: 'generated (60 test images)' },
      { name: 'classifier', value: 'softmax-regression' },
      { name: 'C', value: '1' },
      { name: 'a value <to escape>', value: 'Fish & "chips"' },
    ],
    result: SAMPLE_RESULT,
    classNames: SAMPLE_CLASSES,
    heldOut: { labels, predictions, probabilities },
    images: { values: images, shape: SAMPLE_SHAPE, valueRange: [0, 1] },
    history: {
      unit: 'iteration',
      points,
      stop: { step: SAMPLE_STEPS, reason: 'max-iter', message: 'reached max_iter (20)' },
    },
    imageSets: [coefficients],
    notes: ['the wasm backend did not initialize; training ran on cpu'],
    generatedAt: new Date('2026-01-02T03:04:05Z'),
    ...overrides,
  };
}
