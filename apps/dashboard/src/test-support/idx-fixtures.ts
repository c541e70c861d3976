import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeIdx, IDX_FILE_NAMES } from '@digitlab/datasets';

/**
 * Write an MNIST-format directory of generated 28×28 images: class c lights up a band of rows of
 * its own, plus seeded noise, so a linear model can learn it in a few iterations.
 */
export async function writeTinyIdxDir(
  dir: string,
  trainPerClass = 20,
  testPerClass = 5,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const split = (perClass: number, seed: number) => {
    const n = perClass * 10;
    const images = new Uint8Array(n * 784);
    const labels = new Uint8Array(n);
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let i = 0; i < n; i++) {
      const c = i % 10;
      labels[i] = c;
      for (let p = 0; p < 784; p++) {
        const row = Math.floor(p / 28);
        const lit = row >= c * 2 + 4 && row < c * 2 + 7;
        images[i * 784 + p] = Math.min(255, Math.floor((lit ? 200 : 0) + random() * 55));
      }
    }
    return { images, labels, n };
  };
  const train = split(trainPerClass, 7);
  const test = split(testPerClass, 11);
  await writeFile(
    join(dir, IDX_FILE_NAMES.trainImages),
    encodeIdx([train.n, 28, 28], train.images),
  );
  await writeFile(join(dir, IDX_FILE_NAMES.trainLabels), encodeIdx([train.n], train.labels));
  await writeFile(join(dir, IDX_FILE_NAMES.testImages), encodeIdx([test.n, 28, 28], test.images));
  await writeFile(join(dir, IDX_FILE_NAMES.testLabels), encodeIdx([test.n], test.labels));
}
