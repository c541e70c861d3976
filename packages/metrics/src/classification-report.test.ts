import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-report.js';
import { confusionMatrix } from './confusion-matrix-from-labels.js';
import { formatClassificationReport } from './format-classification-report.js';

// scikit-learn classification_report docstring example.
const Y_TRUE = [0, 1, 2, 2, 2];
const Y_PRED = [0, 0, 2, 2, 1];
const NAMES = ['class 0', 'class 1', 'class 2'];

describe('classificationReport', () => {
  it('returns the docstring example as data', () => {
    const r = classificationReport(Y_TRUE, Y_PRED, 3, { classNames: NAMES });
    expect(r.perClass.map((row) => [row.classIndex, row.className, row.support])).toEqual([
      [0, 'class 0', 1],
      [1, 'class 1', 1],
      [2, 'class 2', 3],
    ]);
    // class 0: p 1/2, r 1/1, f1 2·1/(1+2) = 2/3; class 2: p 2/2, r 2/3, f1 2·2/(3+2) = 0.8.
    expect(r.perClass[0]).toMatchObject({ precision: 0.5, recall: 1 });
    expect(r.perClass[0]!.f1).toBeCloseTo(2 / 3, 15);
    expect(r.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(r.perClass[2]!.recall).toBeCloseTo(2 / 3, 15);
    expect(r.perClass[2]!.f1).toBeCloseTo(0.8, 15);
    expect(r.accuracy).toBeCloseTo(0.6, 15);
    expect(r.macroAvg.f1).toBeCloseTo((2 / 3 + 0.8) / 3, 15);
    expect(r.weightedAvg.precision).toBeCloseTo(0.7, 15);
    expect(r.digits).toBe(2);
  });

  it('names classes by label number by default and accepts a confusion matrix', () => {
    const fromMatrix = classificationReport(confusionMatrix(Y_TRUE, Y_PRED, 3), { digits: 4 });
    expect(fromMatrix.perClass.map((row) => row.className)).toEqual(['0', '1', '2']);
    expect(fromMatrix.digits).toBe(4);
    expect(fromMatrix.perClass).toEqual(classificationReport(Y_TRUE, Y_PRED, 3).perClass);
  });

  it('rejects class names of the wrong count or type, and bad digits', () => {
    expect(() => classificationReport(Y_TRUE, Y_PRED, 3, { classNames: ['a', 'b'] })).toThrow(
      'classificationReport: expected options.classNames to have one name per class (3), found 2 names',
    );
    expect(() =>
      classificationReport(Y_TRUE, Y_PRED, 3, { classNames: ['a', 'b', 3 as unknown as string] }),
    ).toThrow(/options\.classNames\[2\] to be a string, found 3/);
    expect(() => classificationReport(Y_TRUE, Y_PRED, 3, { digits: -1 })).toThrow(
      /options\.digits to be an integer in \[0, 20\], found -1/,
    );
  });
});

describe('formatClassificationReport', () => {
  it('prints the scikit-learn docstring example exactly', () => {
    // Published output of print(classification_report(y_true, y_pred, target_names=...)).
    const expected = [
      '              precision    recall  f1-score   support',
      '',
      '     class 0       0.50      1.00      0.67         1',
      '     class 1       0.00      0.00      0.00         1',
      '     class 2       1.00      0.67      0.80         3',
      '',
      '    accuracy                           0.60         5',
      '   macro avg       0.50      0.56      0.49         5',
      'weighted avg       0.70      0.60      0.61         5',
      '',
    ].join('\n');
    expect(
      formatClassificationReport(classificationReport(Y_TRUE, Y_PRED, 3, { classNames: NAMES })),
    ).toBe(expected);
  });

  it('widens the name column to the longest class name and honours digits', () => {
    // yTrue [0,0,0,1], yPred [0,0,1,1]: 'a' p 2/2 r 2/3 f1 4/5 s 3; long p 1/2 r 1/1 f1 2/3 s 1;
    // accuracy 3/4; macro p .75 r 5/6 f1 (0.8 + 2/3)/2 = .7333; weighted p 3.5/4 = .875,
    // r 3/4, f1 (2.4 + 2/3)/4 = .7667. Name column = 24 characters (the long name), then a
    // space, then four columns of a space plus 9 right-aligned characters.
    const report = classificationReport([0, 0, 0, 1], [0, 0, 1, 1], 2, {
      classNames: ['a', 'a much longer class name'],
      digits: 3,
    });
    const expected = [
      `${' '.repeat(26)}precision    recall  f1-score   support`,
      '',
      `${' '.repeat(23)}a      1.000     0.667     0.800         3`,
      'a much longer class name      0.500     1.000     0.667         1',
      '',
      `${' '.repeat(16)}accuracy                          0.750         4`,
      `${' '.repeat(15)}macro avg      0.750     0.833     0.733         4`,
      `${' '.repeat(12)}weighted avg      0.875     0.750     0.767         4`,
      '',
    ].join('\n');
    expect(formatClassificationReport(report)).toBe(expected);
  });

  it('rounds exact ties half to even, as Python does', () => {
    // yTrue eight 0s, yPred one 0 then seven 1s: class 0 p 1/1, r 1/8 = 0.125 → '0.12' (not
    // '0.13'), f1 2/9; class 1 has no true samples: p 0/7, r 0/0 → 0, f1 0/7. accuracy 1/8;
    // macro r 0.0625 → '0.06'; weighted uses only class 0 (support 8 vs 0).
    const report = classificationReport([0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 1, 1, 1, 1, 1, 1], 2);
    const expected = [
      '              precision    recall  f1-score   support',
      '',
      '           0       1.00      0.12      0.22         8',
      '           1       0.00      0.00      0.00         0',
      '',
      '    accuracy                           0.12         8',
      '   macro avg       0.50      0.06      0.11         8',
      'weighted avg       1.00      0.12      0.22         8',
      '',
    ].join('\n');
    expect(formatClassificationReport(report)).toBe(expected);
    expect(report.warnings.map((w) => w.metric)).toEqual(['recall']);
  });
});
