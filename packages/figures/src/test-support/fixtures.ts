/**
 * The notebook's own confusion matrix (reference/seed-confusion-matrix.png: softmax regression,
 * 1000 training images per class, test accuracy 0.9068), rows true, columns predicted.
 */
export const SEED_COUNTS = [
  933, 0, 7, 3, 0, 22, 10, 2, 1, 2, 0, 1100, 6, 2, 0, 2, 4, 2, 19, 0, 7, 17, 901, 22, 8, 12, 20, 13,
  27, 5, 3, 2, 19, 893, 3, 43, 3, 13, 25, 6, 3, 2, 4, 3, 907, 2, 13, 7, 6, 35, 10, 3, 5, 33, 9, 771,
  15, 12, 26, 8, 10, 3, 9, 2, 11, 23, 897, 2, 1, 0, 0, 8, 22, 5, 14, 4, 0, 937, 4, 34, 8, 11, 11,
  26, 13, 43, 12, 13, 826, 11, 7, 6, 1, 16, 35, 6, 2, 27, 6, 903,
];
