import type { ImageSet } from '@digitlab/core';
import {
  confusionMatrixFigure,
  type Figure,
  imageSetFigure,
  learningCurvesFigure,
  misclassifiedFigure,
  perClassFigure,
  renderPng,
} from '@digitlab/figures';
import type { ClassificationReport, ConfusionMatrix } from '@digitlab/metrics';
import type { ReportInput } from './report-input.js';

/** A figure drawn for the report: its SVG for the page, its PNG for the figures directory. */
export interface DrawnFigure {
  /** File stem under figures/, e.g. 'confusion-matrix'. */
  readonly name: string;
  /** The section heading. */
  readonly title: string;
  /** What the reader is looking at, one or two sentences. */
  readonly caption: string;
  readonly figure: Figure;
  readonly png: Uint8Array;
  /** Time to draw the SVG, in milliseconds. */
  readonly svgMs: number;
  /** Time to rasterize it to PNG, in milliseconds. */
  readonly pngMs: number;
}

/** A figure the report leaves out, and why. */
export interface OmittedFigure {
  readonly name: string;
  readonly title: string;
  readonly reason: string;
}

/** A figure of the report, drawn or left out (then it has a `reason`). */
export type FigureEntry = DrawnFigure | OmittedFigure;

/**
 * Draw every figure the input has something for, in page order, one after another (renders take
 * turns in @digitlab/figures anyway), timing each SVG and PNG; the others come with a reason.
 */
export async function drawFigures(
  input: ReportInput,
  cm: ConfusionMatrix,
  report: ClassificationReport,
  confidence: Float64Array | undefined,
): Promise<FigureEntry[]> {
  const entries: FigureEntry[] = [];
  const { run, classNames } = input;
  const split = input.heldOut.split ?? 'test';
  const n = cm.total;
  const draw = async (
    name: string,
    title: string,
    caption: string,
    make: () => Promise<Figure | undefined>,
    missing: string,
  ): Promise<void> => {
    const start = performance.now();
    const figure = await make();
    const svgMs = performance.now() - start;
    if (figure === undefined) {
      entries.push({ name, title, reason: missing });
      return;
    }
    const pngStart = performance.now();
    const png = renderPng(figure.svg);
    entries.push({
      name,
      title,
      caption,
      figure,
      png,
      svgMs,
      pngMs: performance.now() - pngStart,
    });
  };

  await draw(
    'confusion-matrix',
    'Confusion matrix',
    `Rows are the true class, columns the predicted class, over the ${count(n)} ${split} images. ` +
      'The number in each cell is a count; its colour is that count as a share of the true class (each row sums to 1).',
    () => confusionMatrixFigure({ counts: cm.rawCounts, classNames, run }),
    '',
  );
  await draw(
    'per-class',
    'Per-class scores',
    `Precision (of the images predicted as the class, the share that are), recall (of the images of the class, the share found) and their harmonic mean F1, on the ${split} split.`,
    () => perClassFigure({ scores: report, classNames, run }),
    '',
  );

  if ('missing' in input.history) {
    entries.push({
      name: 'learning-curves',
      title: 'Learning curves',
      reason: input.history.missing,
    });
  } else {
    const history = input.history;
    const unit = history.unit;
    await draw(
      'learning-curves',
      'Learning curves',
      `The objective, max |gradient| (log scale) and training and held-out accuracy at each ${unit} the run reported` +
        (history.stop === undefined
          ? '; training was still running when the report was written.'
          : `; the dashed line marks where training stopped (${history.stop.reason}).`),
      () =>
        learningCurvesFigure({
          history: history.points,
          unit,
          ...(history.stop === undefined ? {} : { stop: history.stop }),
          run,
        }),
      history.points.length === 0
        ? 'the run reported no progress yet.'
        : `${run.model} reported no objective, gradient or accuracy along the way, so there is no curve to draw.`,
    );
  }

  const sets = input.imageSets ?? [];
  if (sets.length === 0) {
    entries.push({
      name: 'weights',
      title: 'Weights',
      reason: `${run.model} has no image-shaped parameters to show.`,
    });
  }
  for (const [i, set] of sets.entries()) {
    await draw(
      i === 0 ? 'weights' : `weights-${fileStem(set.name)}`,
      set.title,
      weightsCaption(set),
      () => imageSetFigure(set, { run }),
      '',
    );
  }

  const { images } = input;
  if (images === undefined || confidence === undefined) {
    entries.push({
      name: 'misclassified',
      title: 'Most confident mistakes',
      reason:
        images === undefined
          ? 'the held-out images were not given to the report.'
          : "the model's probabilities on the held-out set were not given to the report.",
    });
  } else {
    await draw(
      'misclassified',
      'Most confident mistakes',
      `The ${split} images the model got wrong while giving its wrong answer the highest probability, captioned true → predicted (probability).`,
      () =>
        misclassifiedFigure(
          {
            images: images.values,
            shape: images.shape,
            trueLabels: input.heldOut.labels,
            predictedLabels: input.heldOut.predictions,
            confidence,
            classNames,
            run,
          },
          images.valueRange === undefined ? {} : { valueRange: images.valueRange },
        ),
      `the model got every ${split} image right.`,
    );
  }
  return entries;
}

function weightsCaption(set: ImageSet): string {
  const tiles = `One tile per ${set.images.length === 1 ? 'image' : 'row'}, titled by its label`;
  return set.scale === 'diverging'
    ? `${tiles}: red below 0, blue above, white at 0, on limits shared by every tile, so tiles compare with each other.`
    : `${tiles}: white to black from the set's smallest to its largest value.`;
}

function fileStem(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'set'
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
