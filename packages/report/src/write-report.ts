import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classificationReport, confusionMatrix } from '@digitlab/metrics';
import { drawFigures } from './draw-figures.js';
import { historyLines } from './history-lines.js';
import { checkReportDir, publishDir, stagingDirFor } from './report-directory.js';
import { ReportError } from './report-error.js';
import { reportHtml } from './report-html.js';
import type { ReportInput } from './report-input.js';

/** How long one figure took to draw. */
export interface FigureTiming {
  /** File stem under figures/, e.g. 'confusion-matrix'. */
  readonly name: string;
  /** Milliseconds to draw the SVG. */
  readonly svgMs: number;
  /** Milliseconds to rasterize the PNG. */
  readonly pngMs: number;
}

/** A report on disk. */
export interface WrittenReport {
  /** The report directory, as given. */
  readonly dir: string;
  /** Path of report.html inside it. */
  readonly html: string;
  /** Every file written, relative to `dir`, sorted. */
  readonly files: readonly string[];
  /** The figures drawn, in page order, with their render times. */
  readonly figures: readonly FigureTiming[];
  /** The figures left out, and why. */
  readonly omitted: readonly { readonly name: string; readonly reason: string }[];
}

/**
 * Write a report into `dir`: report.html, figures/*.{svg,png}, result.json and history.jsonl.
 * Everything is written into a temporary directory beside `dir` and renamed into place, so `dir`
 * never holds half a report; an existing `dir` is replaced only when it is empty or an earlier
 * report. Rejects with a ReportError (or the figure or metrics error naming the bad input).
 */
export async function writeReport(dir: string, input: ReportInput): Promise<WrittenReport> {
  await checkReportDir(dir);
  const k = input.classNames.length;
  const cm = confusionMatrix(input.heldOut.labels, input.heldOut.predictions, k);
  const report = classificationReport(cm, { classNames: [...input.classNames], zeroDivision: 0 });
  const confidence = confidenceOf(input, k);
  checkImages(input);
  const entries = await drawFigures(input, cm, report, confidence);
  const points = 'missing' in input.history ? [] : input.history.points;
  let correct = 0;
  for (let c = 0; c < k; c++) correct += cm.rawCounts[c * k + c] as number;
  const html = reportHtml({
    run: input.run,
    settings: input.settings,
    notes: input.notes ?? [],
    report,
    total: cm.total,
    correct,
    split: input.heldOut.split ?? 'test',
    figures: entries,
    historyLength: points.length,
    generatedAt: input.generatedAt ?? new Date(),
  });

  const files = new Map<string, string | Uint8Array>([
    ['report.html', html],
    ['result.json', `${JSON.stringify(input.result, null, 2)}\n`],
    ['history.jsonl', historyLines(points)],
  ]);
  const figures: FigureTiming[] = [];
  const omitted: { name: string; reason: string }[] = [];
  for (const entry of entries) {
    if ('reason' in entry) {
      omitted.push({ name: entry.name, reason: entry.reason });
      continue;
    }
    files.set(`figures/${entry.name}.svg`, entry.figure.svg);
    files.set(`figures/${entry.name}.png`, entry.png);
    figures.push({ name: entry.name, svgMs: entry.svgMs, pngMs: entry.pngMs });
  }

  const staging = await stagingDirFor(dir);
  try {
    await mkdir(join(staging, 'figures'));
    for (const [path, content] of files) await writeFile(join(staging, path), content);
    await publishDir(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    html: join(dir, 'report.html'),
    files: [...files.keys()].sort(),
    figures,
    omitted,
  };
}

/** "confusion-matrix 91 ms, per-class 60 ms, …": each figure's SVG + PNG time, for a closing note. */
export function formatRenderTimes(report: Pick<WrittenReport, 'figures'>): string {
  return report.figures.map((f) => `${f.name} ${Math.round(f.svgMs + f.pngMs)} ms`).join(', ');
}

/** The probability each held-out prediction was given, or undefined without probabilities. */
function confidenceOf(input: ReportInput, k: number): Float64Array | undefined {
  const { probabilities, predictions } = input.heldOut;
  if (probabilities === undefined) return undefined;
  const n = predictions.length;
  if (probabilities.length !== n * k) {
    throw new ReportError(
      'writeReport: heldOut.probabilities',
      `${n} × ${k} values (one per sample and class)`,
      `${probabilities.length} values`,
    );
  }
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    confidence[i] = probabilities[i * k + (predictions[i] as number)] as number;
  }
  return confidence;
}

function checkImages(input: ReportInput): void {
  const { images } = input;
  if (images === undefined) return;
  const n = input.heldOut.labels.length;
  const [height, width] = images.shape;
  if (images.values.length !== n * height * width) {
    throw new ReportError(
      'writeReport: images.values',
      `${n} images of ${height} × ${width} values (${n * height * width})`,
      `${images.values.length} values`,
    );
  }
}
