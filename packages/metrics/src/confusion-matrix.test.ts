import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import { confusionMatrixFromCounts } from './confusion-matrix-from-counts.js';
import { confusionMatrix } from './confusion-matrix-from-labels.js';
import { MetricsError } from './metrics-error.js';
import { normalizeConfusion } from './normalize-confusion.js';

// scikit-learn confusion_matrix docstring example:
// confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]) = [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
const DOC_TRUE = [2, 0, 2, 2, 0, 1];
const DOC_PRED = [0, 0, 2, 2, 0, 2];

describe('confusionMatrix', () => {
  it('reproduces the scikit-learn docstring example', () => {
    const cm = confusionMatrix(DOC_TRUE, DOC_PRED, 3);
    expect(cm.rows()).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    expect(cm.counts).toBeInstanceOf(Int32Array);
    expect(cm.numClasses).toBe(3);
    expect(cm.total).toBe(6);
    expect(cm.normalize).toBeNull();
    expect(cm.get(2, 0)).toBe(1);
    expect(cm.get(1, 2)).toBe(1);
  });

  it('gives tn, fp, fn, tp in row-major order for the binary docstring example', () => {
    // sklearn: tn, fp, fn, tp = confusion_matrix([0, 1, 0, 1], [1, 1, 1, 0]).ravel() = (0, 2, 1, 1)
    const cm = confusionMatrix([0, 1, 0, 1], [1, 1, 1, 0], 2);
    expect(Array.from(cm.counts)).toEqual([0, 2, 1, 1]);
  });

  it('orders classes by numClasses, not by first appearance, and keeps absent classes', () => {
    const cm = confusionMatrix([3, 3], [3, 1], 5);
    const expected = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    expected[3]![3] = 1;
    expected[3]![1] = 1;
    expect(cm.rows()).toEqual(expected);
  });

  it('accepts number[], Uint8Array and Int32Array alike', () => {
    const plain = confusionMatrix(DOC_TRUE, DOC_PRED, 3).rows();
    expect(confusionMatrix(Uint8Array.from(DOC_TRUE), Uint8Array.from(DOC_PRED), 3).rows()).toEqual(
      plain,
    );
    expect(confusionMatrix(Int32Array.from(DOC_TRUE), DOC_PRED, 3).rows()).toEqual(plain);
  });

  it('counts nothing for empty input', () => {
    const cm = confusionMatrix([], [], 2);
    expect(cm.total).toBe(0);
    expect(cm.rows()).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  // DOC counts [[2, 0, 0], [0, 0, 1], [1, 0, 2]]: row totals 2, 1, 3; column totals 3, 0, 3 (the
  // middle column is 0/0 everywhere under 'pred', which sklearn turns into 0s); 6 samples.
  it.each([
    ['true', 'true rows', [1, 0, 0, 0, 0, 1, 1 / 3, 0, 2 / 3]],
    ['pred', 'predicted columns', [2 / 3, 0, 0, 0, 0, 1 / 3, 1 / 3, 0, 2 / 3]],
    ['all', 'all samples', [2 / 6, 0, 0, 0, 0, 1 / 6, 1 / 6, 0, 2 / 6]],
  ] as const)("normalizes with normalize: '%s' (over %s)", (normalize, _over, cells) => {
    const cm = confusionMatrix(DOC_TRUE, DOC_PRED, 3, { normalize });
    expect(cm.counts).toBeInstanceOf(Float64Array);
    expect(cm.normalize).toBe(normalize);
    // Row-major; whole cells (0s and 1s) exactly, fractions to 15 digits.
    const expected = cells.map((v) => (Number.isInteger(v) ? v : expect.closeTo(v, 15)));
    expect(Array.from(cm.counts)).toEqual(expected);
  });

  it("gives 0s, not NaN, for a row without samples under 'true' and for empty input under 'all'", () => {
    // Class 1 never occurs in yTrue.
    expect(confusionMatrix([0, 2], [1, 2], 3, { normalize: 'true' }).rows()[1]).toEqual([0, 0, 0]);
    expect(Array.from(confusionMatrix([], [], 2, { normalize: 'all' }).counts)).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('rejects labels outside [0, numClasses), naming the argument, index and value', () => {
    expect(() => confusionMatrix([0, 1, 3], [0, 1, 1], 3)).toThrow(
      'confusionMatrix: expected yTrue[2] to be an integer label in [0, 3), found 3',
    );
    expect(() => confusionMatrix([0, 1], [0, -1], 3)).toThrow(/yPred\[1\].*found -1$/);
    expect(() => confusionMatrix([0, 1.5], [0, 1], 3)).toThrow(/yTrue\[1\].*found 1\.5$/);
    expect(() => confusionMatrix([0, Number.NaN], [0, 1], 3)).toThrow(/yTrue\[1\].*found NaN$/);
    expect(() => confusionMatrix([0, '1' as unknown as number], [0, 1], 3)).toThrow(
      /yTrue\[1\].*found "1"$/,
    );
  });

  it('carries the details on the MetricsError', () => {
    try {
      confusionMatrix([0, 1], [0, 7], 3);
      expect.unreachable('confusionMatrix accepted label 7 with numClasses 3');
    } catch (error) {
      expect(error).toBeInstanceOf(MetricsError);
      const e = error as MetricsError;
      expect([e.name, e.fn, e.argument, e.index, e.value]).toEqual([
        'MetricsError',
        'confusionMatrix',
        'yPred',
        1,
        7,
      ]);
    }
  });

  it('rejects mismatched lengths, bad numClasses and unknown normalize modes', () => {
    expect(() => confusionMatrix([0, 1, 1], [0, 1], 2)).toThrow(
      'confusionMatrix: expected yPred to have the same length as yTrue (3), found length 2',
    );
    expect(() => confusionMatrix([0], [0], 0)).toThrow(/numClasses to be an integer ≥ 1, found 0/);
    expect(() => confusionMatrix([0], [0], 2.5)).toThrow(/numClasses.*found 2\.5/);
    expect(() => confusionMatrix([0], [0], 2, { normalize: 'rows' as 'true' })).toThrow(
      /options\.normalize to be 'true', 'pred', 'all' or null, found "rows"/,
    );
    expect(() => confusionMatrix(5 as unknown as number[], [0], 2)).toThrow(
      /yTrue to be an array-like/,
    );
  });
});

describe('ConfusionMatrix', () => {
  it('rejects out-of-range cell indices in get()', () => {
    const cm = confusionMatrix([0, 1], [1, 1], 2);
    expect(() => cm.get(2, 0)).toThrow(
      'ConfusionMatrix.get: expected trueClass to be an integer class index in [0, 2), found 2',
    );
    expect(() => cm.get(0, -1)).toThrow(/predictedClass.*found -1/);
  });

  it('returns fresh arrays from rows()', () => {
    const cm = confusionMatrix([0, 1], [1, 1], 2);
    cm.rows()[0]![1] = 99;
    expect(cm.get(0, 1)).toBe(1);
  });

  it('validates counts given to the constructor', () => {
    expect(() => new ConfusionMatrix(2, new Int32Array(3))).toThrow(
      /rawCounts to be an Int32Array of length 4/,
    );
    expect(() => new ConfusionMatrix(2, Int32Array.from([1, 0, -2, 0]))).toThrow(
      'ConfusionMatrix: expected rawCounts[2] to be a count ≥ 0, found -2',
    );
  });
});

describe('confusionMatrixFromCounts', () => {
  it('accepts nested rows and flat row-major counts, and copies them', () => {
    const rows = [
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ];
    const nested = confusionMatrixFromCounts(rows, 3);
    const flat = confusionMatrixFromCounts(Int32Array.from(rows.flat()), 3);
    expect(nested.rows()).toEqual(rows);
    expect(flat.rows()).toEqual(rows);
    expect(nested.total).toBe(6);
    rows[0]![0] = 50;
    expect(nested.get(0, 0)).toBe(2);
  });

  it('normalizes on request like confusionMatrix does', () => {
    const fromCounts = confusionMatrixFromCounts([2, 0, 0, 0, 0, 1, 1, 0, 2], 3, {
      normalize: 'true',
    });
    expect(fromCounts.rows()).toEqual(
      confusionMatrix(DOC_TRUE, DOC_PRED, 3, { normalize: 'true' }).rows(),
    );
  });

  it('rejects counts of the wrong shape or with non-count values', () => {
    expect(() => confusionMatrixFromCounts([1, 2, 3], 2)).toThrow(
      /counts to have length 4 \(2×2 row-major\).*found length 3/,
    );
    expect(() => confusionMatrixFromCounts([[1, 2]], 2)).toThrow(
      /counts to have 2 rows.*found 1 rows/,
    );
    expect(() => confusionMatrixFromCounts([[1, 2], [3]], 2)).toThrow(
      /counts\[1\] to have 2 columns.*found length 1/,
    );
    expect(() =>
      confusionMatrixFromCounts(
        [
          [1, 2],
          [3, -4],
        ],
        2,
      ),
    ).toThrow(
      'confusionMatrixFromCounts: expected counts[1][1] to be an integer count in [0, 2147483647], found -4',
    );
    expect(() => confusionMatrixFromCounts([1, 0.5, 0, 1], 2)).toThrow(/counts\[1\].*found 0\.5/);
  });
});

describe('normalizeConfusion', () => {
  it('switches between counts and every normalization without recounting', () => {
    const counts = confusionMatrix(DOC_TRUE, DOC_PRED, 3);
    for (const mode of ['true', 'pred', 'all'] as const) {
      const normalized = normalizeConfusion(counts, mode);
      expect(normalized.rows()).toEqual(
        confusionMatrix(DOC_TRUE, DOC_PRED, 3, { normalize: mode }).rows(),
      );
      expect(normalized.rawCounts).toBe(counts.rawCounts);
    }
    const back = normalizeConfusion(normalizeConfusion(counts, 'true'), null);
    expect(back.counts).toBeInstanceOf(Int32Array);
    expect(back.rows()).toEqual(counts.rows());
  });

  it('goes from one normalization to another through the raw counts', () => {
    const viaTrue = normalizeConfusion(
      confusionMatrix(DOC_TRUE, DOC_PRED, 3, { normalize: 'true' }),
      'pred',
    );
    expect(viaTrue.rows()).toEqual(
      confusionMatrix(DOC_TRUE, DOC_PRED, 3, { normalize: 'pred' }).rows(),
    );
  });

  it('rejects a non-matrix and an unknown mode', () => {
    expect(() => normalizeConfusion([[1]] as unknown as ConfusionMatrix, 'all')).toThrow(
      /cm to be a ConfusionMatrix/,
    );
    const cm = confusionMatrix([0], [0], 1);
    expect(() => normalizeConfusion(cm, 'column' as 'pred')).toThrow(
      /mode to be 'true', 'pred', 'all' or null, found "column"/,
    );
  });
});
