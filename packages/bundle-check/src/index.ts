export { BrowserBundleError } from './browser-bundle-error.js';
export {
  type BrowserBundleReport,
  bundleForBrowser,
  type NodeImport,
} from './bundle-for-browser.js';
export { expectBrowserBundle } from './expect-browser-bundle.js';
export { isNodeBuiltin } from './is-node-builtin.js';
