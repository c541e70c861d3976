import type { PluginRegistry } from '@digitlab/core';
import type { Polarity } from '@digitlab/datasets/images';
import { applyPreprocessing, readIdx } from '@digitlab/datasets/node';
import { UsageError } from '../errors.js';
import { type CliIo, writeLine } from './cli-io.js';
import { savedModelInterruption } from './interrupted-run.js';
import { type SavedModel, withSavedModel } from './load-saved-model.js';
import { predictionsOf } from './predictions.js';

/** Flags of `digitlab predict`: `--input` (an IDX file) or `--image` (files and directories). */
export interface PredictFlags {
  readonly model: string;
  readonly input?: string;
  readonly image?: readonly string[];
  readonly json?: boolean;
  /** --image: draw each normalized digit next to its top-3 classes. */
  readonly show?: boolean;
  /** --image: ink on paper, or auto (read from each image's border). */
  readonly polarity?: Polarity | 'auto';
}

/** Predict the class of each image of an IDX file, or of image files, with a saved model. */
export function runPredict(
  flags: PredictFlags,
  registry: PluginRegistry,
  io: CliIo,
): Promise<number> {
  if ((flags.input === undefined) === (flags.image === undefined)) {
    throw new UsageError(
      'predict: expected --input <idx-file> or --image <file|dir>…, found ' +
        (flags.input === undefined ? 'neither' : 'both'),
    );
  }
  if (flags.input !== undefined && (flags.show === true || flags.polarity !== undefined)) {
    throw new UsageError(
      `predict: ${flags.show ? '--show' : '--polarity'} applies to --image, not to --input`,
    );
  }
  return withSavedModel(flags.model, registry, async (model) => {
    const interruption = savedModelInterruption(model.metadata);
    if (interruption !== undefined) writeLine(io.stderr, `note: the model was ${interruption}`);
    if (flags.image === undefined) return predictIdx(flags.input as string, flags, model, io);
    // Image decoding loads sharp's native library (a few hundred ms): only when images are asked for.
    const { predictImages } = await import('./predict-images.js');
    return predictImages(flags.image, flags, model, io);
  });
}

/** `--input`: one prediction per image of an IDX file of raw u8 pixels. */
async function predictIdx(
  input: string,
  flags: PredictFlags,
  model: SavedModel,
  io: CliIo,
): Promise<number> {
  const meta = model.metadata;
  const idx = await readIdx(input);
  if (idx.type !== 'u8') {
    throw new UsageError(
      `${input}: expected raw 8-bit pixels (IDX type u8), found IDX type ${idx.type}`,
    );
  }
  const [count = 0, ...shape] = idx.dims;
  const pixels = shape.reduce((a, b) => a * b, 1);
  if (shape.length === 0 || pixels !== meta.numFeatures) {
    throw new UsageError(
      `${input}: expected images of ${meta.imageShape.join('×')} (${meta.numFeatures} pixels each, as the model was trained on), found dims [${idx.dims.join(', ')}]`,
    );
  }
  const features = applyPreprocessing(idx.data, meta.numFeatures, model.preprocessing);
  const probabilities = await model.classifier.predictProba(features);
  const rows = predictionsOf(probabilities, count, meta).map((p, index) => ({ index, ...p }));
  if (flags.json) {
    writeLine(io.stdout, JSON.stringify({ model: flags.model, input, predictions: rows }));
  } else {
    io.stdout.write(
      rows.map((r) => `${r.index}\t${r.class}\t${r.probability.toFixed(4)}\n`).join(''),
    );
  }
  return 0;
}
