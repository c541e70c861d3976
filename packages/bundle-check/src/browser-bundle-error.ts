import { relative } from 'node:path';
import type { BrowserBundleReport, NodeImport } from './bundle-for-browser.js';

function describeImport({ specifier, importer, kind }: NodeImport): string {
  return `  '${specifier}' from ${importer} (${kind})`;
}

function describe(report: BrowserBundleReport): string {
  const entry = relative('.', report.entry) || report.entry;
  const lines = [`expected ${entry} to bundle for the browser with no Node built-in, found:`];
  if (report.nodeImports.length > 0) {
    lines.push(
      `${report.nodeImports.length} Node import(s):`,
      ...report.nodeImports.map(describeImport),
    );
  }
  if (report.errors.length > 0) {
    lines.push(
      `${report.errors.length} other bundling error(s):`,
      ...report.errors.map((e) => `  ${e}`),
    );
  }
  if (report.nodeImports.length > 0) {
    lines.push("Move that code behind the package's /node entry.");
  }
  return lines.join('\n');
}

/** A main entry that does not bundle for the browser; the message lists every cause. */
export class BrowserBundleError extends Error {
  override readonly name = 'BrowserBundleError';
  readonly entry: string;
  readonly nodeImports: readonly NodeImport[];
  readonly errors: readonly string[];

  constructor(report: BrowserBundleReport) {
    super(describe(report));
    this.entry = report.entry;
    this.nodeImports = report.nodeImports;
    this.errors = report.errors;
  }
}
