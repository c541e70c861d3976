import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TuneJson } from './tune-json.js';

/** Files `digitlab tune --report <dir>` writes. */
export const TUNE_REPORT_FILES = {
  result: 'tune-result.json',
  svg: 'validation-curve.svg',
  png: 'validation-curve.png',
} as const;

/**
 * Write the tuning result and, when one numeric option was swept, its validation curve (SVG and
 * PNG) into `dir`, each file whole or not at all (temp + rename). Returns the paths written and a
 * note when the curve was left out.
 */
export async function writeTuneReport(
  dir: string,
  json: TuneJson,
  run: { readonly folds: number; readonly dataset: string },
): Promise<{ readonly written: readonly string[]; readonly note?: string }> {
  await mkdir(dir, { recursive: true });
  const written = [
    await writeWhole(join(dir, TUNE_REPORT_FILES.result), `${JSON.stringify(json, null, 2)}\n`),
  ];
  const swept = json.settings[0] ? Object.keys(json.settings[0].params) : [];
  const param = swept[0];
  const numeric = json.settings.every((s) => typeof s.params[param ?? ''] === 'number');
  if (swept.length !== 1 || param === undefined || !numeric) {
    return { written, note: 'no validation curve: it needs one numeric option swept' };
  }
  // vega and resvg load on the first figure, not when the CLI starts.
  const { renderPng, validationCurveFigure } = await import('@digitlab/figures');
  const best = json.best?.params[param];
  const figure = await validationCurveFigure({
    param,
    points: json.settings.map((s) => ({
      value: s.params[param] as number,
      mean: s.mean_score,
      std: s.std_score,
    })),
    ...(typeof best === 'number' ? { best } : {}),
    folds: run.folds,
    run: { model: json.classifier, dataset: run.dataset.toUpperCase() },
  });
  written.push(await writeWhole(join(dir, TUNE_REPORT_FILES.svg), figure.svg));
  written.push(await writeWhole(join(dir, TUNE_REPORT_FILES.png), renderPng(figure.svg)));
  return { written };
}

async function writeWhole(path: string, contents: string | Uint8Array): Promise<string> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, path);
  return path;
}
