import type { AveragedScores, ClassificationReport } from '@digitlab/metrics';
import type { FigureEntry } from './draw-figures.js';
import { escapeHtml } from './escape-html.js';
import type { ReportSetting } from './report-input.js';
import { scopeSvgIds } from './scope-svg-ids.js';

/** What the page shows, all of it already computed. */
export interface ReportPage {
  readonly run: { readonly model: string; readonly dataset: string };
  readonly settings: readonly ReportSetting[];
  readonly notes: readonly string[];
  readonly report: ClassificationReport;
  /** Held-out samples counted, those predicted right, and which split they are. */
  readonly total: number;
  readonly correct: number;
  readonly split: string;
  readonly figures: readonly FigureEntry[];
  /** Lines of history.jsonl. */
  readonly historyLength: number;
  readonly generatedAt: Date;
}

// Scores as the command line's classification report prints them.
const SCORE_DIGITS = 4;

/**
 * report.html: one self-contained page. Figures are inline SVG (their images are data URLs), the
 * style sheet is inline, and there is no script and no external URL, so the file reads the same
 * from a mail attachment, a CI artifact or an offline laptop.
 */
export function reportHtml(page: ReportPage): string {
  const { run, report } = page;
  const title = `${run.model} on ${run.dataset}`;
  const sections = [
    settingsSection(page.settings),
    page.notes.length === 0 ? '' : notesSection(page.notes),
    classificationSection(report, page.split),
    figuresSection(page.figures),
    filesSection(page),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="digitlab">
<title>digitlab report: ${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<p class="kicker">digitlab report</p>
<h1>${escapeHtml(title)}</h1>
<p class="lead">${escapeHtml(capitalize(page.split))} accuracy <strong>${percent(report.accuracy)}</strong> (${group(page.correct)} of ${group(page.total)} images) · macro F1 ${fixed(report.macroAvg.f1)}</p>
<p class="meta">Written ${escapeHtml(
    page.generatedAt
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC'),
  )}</p>
</header>
${tableOfContents(page.figures)}
${sections.filter((s) => s !== '').join('\n')}
<footer>Self-contained: the figures are inline SVG, with no script and nothing fetched from the network. The PNG and SVG files beside this page are the same figures.</footer>
</main>
</body>
</html>
`;
}

function tableOfContents(figures: readonly FigureEntry[]): string {
  const links = [
    ['settings', 'Settings'],
    ['classification-report', 'Classification report'],
    ...figures.map((f) => [`figure-${f.name}`, f.title]),
    ['files', 'Files'],
  ] as const;
  return `<nav aria-label="Contents"><ul>${links
    .map(([id, text]) => `<li><a href="#${escapeHtml(id)}">${escapeHtml(text)}</a></li>`)
    .join('')}</ul></nav>`;
}

function settingsSection(settings: readonly ReportSetting[]): string {
  const rows = settings
    .map(
      (s) => `<tr><th scope="row">${escapeHtml(s.name)}</th><td>${escapeHtml(s.value)}</td></tr>`,
    )
    .join('\n');
  return `<section id="settings">
<h2>Settings</h2>
<table class="settings">
<tbody>
${rows}
</tbody>
</table>
</section>`;
}

function notesSection(notes: readonly string[]): string {
  return `<section id="notes" class="notes">
<h2>Notes</h2>
<ul>
${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}
</ul>
</section>`;
}

function classificationSection(report: ClassificationReport, split: string): string {
  const row = (label: string, p: string, r: string, f: string, support: number, cls = '') =>
    `<tr${cls === '' ? '' : ` class="${cls}"`}><th scope="row">${escapeHtml(label)}</th><td>${p}</td><td>${r}</td><td>${f}</td><td>${group(support)}</td></tr>`;
  const scoreRow = (label: string, scores: AveragedScores) =>
    row(label, fixed(scores.precision), fixed(scores.recall), fixed(scores.f1), scores.support);
  const rows = [
    ...report.perClass.map((c) => scoreRow(c.className, c)),
    row('accuracy', '', '', fixed(report.accuracy), report.macroAvg.support, 'first-summary'),
    scoreRow('macro avg', report.macroAvg),
    scoreRow('weighted avg', report.weightedAvg),
  ];
  return `<section id="classification-report">
<h2>Classification report</h2>
<p>On the ${escapeHtml(split)} split, as scikit-learn's <code>classification_report</code> prints it (a score whose denominator is 0 counts as 0).</p>
<table class="scores">
<thead><tr><th scope="col">class</th><th scope="col">precision</th><th scope="col">recall</th><th scope="col">F1</th><th scope="col">support</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function figuresSection(figures: readonly FigureEntry[]): string {
  const blocks = figures.map((entry) => {
    const id = `figure-${entry.name}`;
    if ('reason' in entry) {
      return `<section class="figure omitted" id="${escapeHtml(id)}">
<h3>${escapeHtml(entry.title)}</h3>
<p>Not drawn: ${escapeHtml(entry.reason)}</p>
</section>`;
    }
    const file = `figures/${entry.name}`;
    const svg = scopeSvgIds(entry.figure.svg, entry.name).replace(
      /^<svg\b/,
      `<svg role="img" aria-label="${escapeHtml(entry.title)}"`,
    );
    return `<section class="figure" id="${escapeHtml(id)}">
<h3>${escapeHtml(entry.title)}</h3>
<figure>
${svg}
<figcaption>${escapeHtml(entry.caption)} <span class="files"><a href="${escapeHtml(file)}.png">PNG</a> · <a href="${escapeHtml(file)}.svg">SVG</a></span></figcaption>
</figure>
</section>`;
  });
  return `<section id="figures">
<h2>Figures</h2>
${blocks.join('\n')}
</section>`;
}

function filesSection(page: ReportPage): string {
  const drawn = page.figures.filter((f) => !('reason' in f));
  const figureLinks = drawn
    .map(
      (f) =>
        `<a href="figures/${escapeHtml(f.name)}.png">${escapeHtml(f.name)}.png</a> (<a href="figures/${escapeHtml(f.name)}.svg">svg</a>)`,
    )
    .join(', ');
  const lines = page.historyLength === 1 ? '1 line' : `${group(page.historyLength)} lines`;
  return `<section id="files">
<h2>Files</h2>
<ul>
<li><a href="result.json">result.json</a>: the run's result, the object <code>--json</code> prints.</li>
<li><a href="history.jsonl">history.jsonl</a>: every progress event, one JSON object per line (${lines}).</li>
<li>figures/: ${figureLinks}.</li>
</ul>
</section>`;
}

function fixed(x: number): string {
  return Number.isFinite(x) ? x.toFixed(SCORE_DIGITS) : '–';
}

function percent(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

function group(n: number): string {
  return n.toLocaleString('en-US');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// System fonts only: nothing to download, and the page matches the reader's platform.
const STYLE = `
:root { color-scheme: light; --ink: #1d1f23; --muted: #5d6470; --rule: #dde1e6; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
  -webkit-font-smoothing: antialiased; }
main { max-width: 1040px; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; background: #fff; min-height: 100vh; }
header { border-bottom: 1px solid var(--rule); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.kicker { margin: 0; color: var(--muted); font-size: .8rem; letter-spacing: .08em; text-transform: uppercase; }
h1 { margin: .2rem 0 .4rem; font-size: 2rem; line-height: 1.2; font-weight: 650; }
h2 { margin: 2.5rem 0 .75rem; font-size: 1.35rem; font-weight: 650; border-bottom: 1px solid var(--rule); padding-bottom: .3rem; }
h3 { margin: 2rem 0 .5rem; font-size: 1.1rem; font-weight: 600; }
.lead { margin: 0; font-size: 1.15rem; }
.meta { margin: .3rem 0 0; color: var(--muted); font-size: .85rem; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }
a { color: var(--accent); text-decoration-thickness: 1px; text-underline-offset: 2px; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: .3rem .9rem .3rem 0; text-align: left; vertical-align: top; }
table.settings th { font-weight: 500; color: var(--muted); white-space: nowrap; }
table.settings td { overflow-wrap: anywhere; }
table.scores th, table.scores td { text-align: right; padding-left: 1.25rem; padding-right: 0; }
table.scores th:first-child { text-align: left; padding-left: 0; }
table.scores thead th { border-bottom: 1px solid var(--ink); font-weight: 600; }
table.scores tbody th { font-weight: 500; }
table.scores tr.first-summary > * { border-top: 1px solid var(--rule); }
.notes li { margin: .2rem 0; }
figure { margin: 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { margin-top: .6rem; color: var(--muted); font-size: .9rem; max-width: 70ch; }
.files { white-space: nowrap; }
.omitted p { color: var(--muted); font-style: italic; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; }
@media print { body { background: #fff; } main { padding: 0; } nav { display: none; } .figure { break-inside: avoid; } }
`;
