import type { MistakeSample, ModelImages } from '@digitlab/session';

/** The ten digits in a 5×7 bitmap font, row by row. */
const GLYPHS = [
  ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
] as const;

/** A 28×28 MNIST-like image of `digit` (0–9): its glyph scaled 4×, in the middle, ink 1 on 0. */
export function sampleDigit(digit: number): Float32Array {
  const glyph = GLYPHS[digit % 10] as readonly string[];
  const image = new Float32Array(28 * 28);
  for (let r = 0; r < 7; r++) {
    for (let c = 0; c < 5; c++) {
      if (glyph[r]?.[c] !== '1') continue;
      for (let dy = 0; dy < 3; dy++)
        for (let dx = 0; dx < 3; dx++) image[(r * 3 + 3 + dy) * 28 + c * 3 + 6 + dx] = 1;
    }
  }
  return image;
}

/**
 * Coefficient images as a linear model learns them: positive on a class's own strokes, negative
 * where the other classes have ink, on a diverging scale.
 */
export function sampleImages(step: number, k = 10, classNames?: readonly string[]): ModelImages {
  const digits = Array.from({ length: k }, (_, c) => sampleDigit(c));
  const images = digits.map((own, c) => {
    const values = new Float32Array(28 * 28);
    for (let i = 0; i < values.length; i++) {
      let others = 0;
      for (const d of digits) others += d[i] as number;
      values[i] = 0.8 * (own[i] as number) - (0.5 * (others - (own[i] as number))) / k;
    }
    return { label: classNames?.[c] ?? String(c), values };
  });
  return {
    step,
    sets: [
      {
        name: 'coefficients',
        title: 'Coefficients per class',
        scale: 'diverging',
        shape: [28, 28],
        images,
      },
    ],
  };
}

/** `count` misclassified test digits, each drawn as its true class, predicted as a neighbour. */
export function sampleMistakes(step: number, count = 24, k = 10): MistakeSample {
  const confusedWith = [6, 7, 8, 5, 9, 3, 0, 2, 3, 4];
  return {
    step,
    wrong: 74,
    total: 1000,
    shape: [28, 28],
    mistakes: Array.from({ length: count }, (_, i) => {
      const trueClass = i % k;
      return {
        index: 10 * i + trueClass,
        trueClass,
        predictedClass: confusedWith[trueClass] ?? 0,
        pixels: sampleDigit(trueClass),
      };
    }),
  };
}
