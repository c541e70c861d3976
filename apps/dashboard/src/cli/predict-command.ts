import type { PluginRegistry } from '@digitlab/core';
import { applyPreprocessing, readIdx } from '@digitlab/datasets/node';
import { UsageError } from '../errors.js';
import { type CliIo, writeLine } from './cli-io.js';
import { savedModelInterruption } from './interrupted-run.js';
import { withSavedModel } from './load-saved-model.js';

/** Flags of `digitlab predict`. */
export interface PredictFlags {
  readonly model: string;
  readonly input: string;
  readonly json?: boolean;
}

/** Predict the class of each image of an IDX file of raw u8 pixels with a saved model. */
export function runPredict(
  flags: PredictFlags,
  registry: PluginRegistry,
  io: CliIo,
): Promise<number> {
  return withSavedModel(flags.model, registry, async (model) => {
    const meta = model.metadata;
    const interruption = savedModelInterruption(meta);
    if (interruption !== undefined) writeLine(io.stderr, `note: the model was ${interruption}`);
    const idx = await readIdx(flags.input);
    if (idx.type !== 'u8') {
      throw new UsageError(
        `${flags.input}: expected raw 8-bit pixels (IDX type u8), found IDX type ${idx.type}`,
      );
    }
    const [count = 0, ...shape] = idx.dims;
    const pixels = shape.reduce((a, b) => a * b, 1);
    if (shape.length === 0 || pixels !== meta.numFeatures) {
      throw new UsageError(
        `${flags.input}: expected images of ${meta.imageShape.join('×')} (${meta.numFeatures} pixels each, as the model was trained on), found dims [${idx.dims.join(', ')}]`,
      );
    }
    const features = applyPreprocessing(idx.data, meta.numFeatures, model.preprocessing);
    const probabilities = await model.classifier.predictProba(features);
    const k = meta.numClasses;
    const rows = Array.from({ length: count }, (_, i) => {
      let best = 0;
      for (let c = 1; c < k; c++)
        if ((probabilities[i * k + c] as number) > (probabilities[i * k + best] as number))
          best = c;
      return {
        index: i,
        class: meta.classNames[best] ?? String(best),
        label: best,
        probability: probabilities[i * k + best] as number,
      };
    });
    if (flags.json) {
      writeLine(
        io.stdout,
        JSON.stringify({ model: flags.model, input: flags.input, predictions: rows }),
      );
    } else {
      io.stdout.write(
        rows.map((r) => `${r.index}\t${r.class}\t${r.probability.toFixed(4)}\n`).join(''),
      );
    }
    return 0;
  });
}
