import {
  type DigitImage,
  digitFeatures,
  ImageInputError,
  listImageFiles,
  readDigitImage,
  type SkippedFile,
} from '@digitlab/datasets/images';
import { UsageError } from '../errors.js';
import { streamColourDepth } from '../view-models/colour-depth.js';
import { digitPreviewLines } from '../view-models/digit-preview.js';
import { type CliIo, writeLine } from './cli-io.js';
import type { SavedModel } from './load-saved-model.js';
import type { PredictFlags } from './predict-command.js';
import { type Prediction, predictionsOf, topClasses } from './predictions.js';
import { EXIT_FAILURE } from './report-error.js';

/** Images decoded at once: sharp decodes on libuv's thread pool while this thread normalizes. */
const READ_CONCURRENCY = 4;

/** One image's prediction in `--json`: the file, what the model said, and any note on the file. */
export type ImagePrediction = { readonly file: string } & Prediction & { readonly note?: string };

/** `predict --image --json`'s object. */
export interface PredictImagesJson {
  readonly model: string;
  readonly predictions: ImagePrediction[];
  readonly skipped: SkippedFile[];
}

/**
 * `--image`: each image file (directories searched recursively) normalized as MNIST's digits
 * were, in the model's image shape, then classified. Files that cannot be read are skipped with
 * the reason; when none can be, the command fails with one line naming the file(s).
 */
export async function predictImages(
  paths: readonly string[],
  flags: PredictFlags,
  model: SavedModel,
  io: CliIo,
): Promise<number> {
  const meta = model.metadata;
  const shape = imageShapeOf(meta.imageShape, meta.numFeatures, model.dir);
  const { files, skipped } = await listImageFiles(paths);
  const read = await mapInOrder(files, READ_CONCURRENCY, async (file) => {
    try {
      return await readDigitImage(file, { shape, polarity: flags.polarity ?? 'auto' });
    } catch (error) {
      if (!(error instanceof ImageInputError)) throw error;
      return { file, reason: error.detail };
    }
  });
  const digits = read.filter((r): r is DigitImage => 'pixels' in r);
  skipped.push(...read.filter((r): r is SkippedFile => !('pixels' in r)));
  const probabilities =
    digits.length === 0
      ? new Float32Array(0)
      : await model.classifier.predictProba(
          digitFeatures(digits, meta.numFeatures, model.preprocessing),
        );
  const predictions: ImagePrediction[] = predictionsOf(probabilities, digits.length, meta).map(
    (p, i) => {
      const note = noteOf(digits[i] as DigitImage);
      return { file: (digits[i] as DigitImage).file, ...p, ...(note ? { note } : {}) };
    },
  );
  if (flags.json) {
    const result: PredictImagesJson = { model: flags.model, predictions, skipped };
    writeLine(io.stdout, JSON.stringify(result));
    return digits.length === 0 ? EXIT_FAILURE : 0;
  }
  if (digits.length === 0) {
    writeLine(io.stderr, `digitlab: error: ${noneReadable(skipped)}`);
    return EXIT_FAILURE;
  }
  const depth = flags.show ? streamColourDepth(io.stdout, io.env) : 'none';
  predictions.forEach((p, i) => {
    writeLine(io.stdout, predictionLine(p));
    if (flags.show) {
      const digit = digits[i] as DigitImage;
      const lines = digitPreviewLines(
        digit.pixels,
        digit.shape,
        topClasses(probabilities, i, meta, 3),
        depth,
      );
      for (const line of lines) writeLine(io.stdout, `  ${line}`);
      writeLine(io.stdout, `  ${digitDescription(digit)}`);
    }
  });
  for (const { file, reason } of skipped)
    writeLine(io.stderr, `digitlab: skipped ${file}: ${reason}`);
  return 0;
}

/** One line per image: file, class and probability, runner-up, and a note on the file if any. */
export function predictionLine(p: ImagePrediction): string {
  const runnerUp = p.runner_up
    ? `, runner-up ${p.runner_up.class} (${p.runner_up.probability.toFixed(3)})`
    : '';
  return `${p.file}: ${p.class} (${p.probability.toFixed(3)})${runnerUp}${p.note ? ` · ${p.note}` : ''}`;
}

/** What --show says under the picture: how the digit was found. */
function digitDescription(digit: DigitImage): string {
  const { box } = digit;
  const ink =
    digit.polarity === 'dark-on-light' ? 'dark ink on light paper' : 'light ink on dark paper';
  return `${ink}${digit.polarityDetected ? ' (read from the border)' : ''} · ink ${box.width}×${box.height} px at (${box.left}, ${box.top}) of ${digit.originalWidth}×${digit.originalHeight} · normalized to ${digit.shape[0]}×${digit.shape[1]}`;
}

/** A note on a file with several frames or pages: only the first was read. */
function noteOf(digit: DigitImage): string | undefined {
  if (digit.pages <= 1) return undefined;
  const what = digit.format === 'gif' || digit.format === 'webp' ? 'animated' : 'multi-page';
  return `${what} ${digit.format.toUpperCase()} of ${digit.pages} ${what === 'animated' ? 'frames' : 'pages'}: the first was read`;
}

/** The one line that says why nothing could be read. */
function noneReadable(skipped: readonly SkippedFile[]): string {
  if (skipped.length === 1) {
    const [only] = skipped as [SkippedFile];
    return `${only.file}: ${only.reason}`;
  }
  if (skipped.length === 0) return 'no image files found';
  return `none of the ${skipped.length} files could be read: ${skipped.map((s) => `${s.file}: ${s.reason}`).join('; ')}`;
}

/**
 * The [height, width] digits are normalized to: the model's image shape, which must be a 2-D
 * grey image (a trailing channel of 1 is allowed), as MNIST's 28×28.
 */
function imageShapeOf(
  imageShape: readonly number[],
  numFeatures: number,
  dir: string,
): [number, number] {
  const dims = imageShape.length === 3 && imageShape[2] === 1 ? imageShape.slice(0, 2) : imageShape;
  const [height, width] = dims as [number, number];
  if (dims.length !== 2 || height * width !== numFeatures) {
    throw new UsageError(
      `${dir}: --image needs a model trained on grey 2-D images (like MNIST's 28×28), found image shape [${imageShape.join(', ')}]`,
    );
  }
  return [height, width];
}

/** `f` over `items`, at most `limit` at a time, with the results in the items' order. */
async function mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  f: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
