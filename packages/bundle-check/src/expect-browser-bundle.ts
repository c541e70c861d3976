import { BrowserBundleError } from './browser-bundle-error.js';
import { type BrowserBundleReport, bundleForBrowser } from './bundle-for-browser.js';

/**
 * Bundles a built entry (e.g. a package's dist/index.js) for the browser and throws a
 * BrowserBundleError listing every Node built-in it imports, bare ('fs') or not ('node:fs'), and
 * anything else that did not bundle. Works in any test runner: await it inside a test.
 */
export async function expectBrowserBundle(entryFile: string | URL): Promise<BrowserBundleReport> {
  const report = await bundleForBrowser(entryFile);
  if (report.nodeImports.length > 0 || report.errors.length > 0) {
    throw new BrowserBundleError(report);
  }
  return report;
}
