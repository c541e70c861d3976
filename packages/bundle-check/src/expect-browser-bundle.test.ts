import { describe, expect, it } from 'vitest';
import { BrowserBundleError } from './browser-bundle-error.js';
import { bundleForBrowser } from './bundle-for-browser.js';
import { expectBrowserBundle } from './expect-browser-bundle.js';
import { isNodeBuiltin } from './is-node-builtin.js';

const fixture = (name: string) =>
  new URL(`./test-support/fixtures/${name}/index.js`, import.meta.url);

async function rejection(promise: Promise<unknown>): Promise<BrowserBundleError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BrowserBundleError);
  return error as BrowserBundleError;
}

describe('expectBrowserBundle', () => {
  it('passes an entry whose whole module graph is browser-safe', async () => {
    const report = await expectBrowserBundle(fixture('clean'));
    expect(report.nodeImports).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.entry).toMatch(/fixtures\/clean\/index\.js$/);
  });

  it('fails on Node imports, listing each: node: and bare, static, dynamic and require', async () => {
    const error = await rejection(expectBrowserBundle(fixture('node-imports')));
    expect(error.nodeImports.map(({ specifier, kind }) => [specifier, kind])).toEqual([
      ['node:fs/promises', 'import-statement'],
      ['path', 'import-statement'],
      ['os', 'dynamic-import'],
      ['node:zlib', 'require-call'],
    ]);
    expect(error.nodeImports.map((i) => i.importer.split('/').pop())).toEqual([
      'index.js',
      'index.js',
      'later.js',
      'legacy.cjs',
    ]);
    expect(error.errors).toEqual([]);
    expect(error.message).toMatch(/^expected .*node-imports\/index\.js to bundle for the browser/);
    expect(error.message).toContain("4 Node import(s):\n  'node:fs/promises' from ");
    expect(error.message).toMatch(/'path' from \S+index\.js \(import-statement\)/);
    expect(error.message).toMatch(/'os' from \S+later\.js \(dynamic-import\)/);
    expect(error.message).toMatch(/'node:zlib' from \S+legacy\.cjs \(require-call\)/);
    expect(error.message).toContain("behind the package's /node entry");
  });

  it('fails on anything else that does not bundle, with its location', async () => {
    const error = await rejection(expectBrowserBundle(fixture('missing-file')));
    expect(error.nodeImports).toEqual([]);
    expect(error.errors).toEqual([
      expect.stringMatching(/missing-file\/index\.js:1:\d+: Could not resolve "\.\/not-there\.js"/),
    ]);
    expect(error.message).toContain('1 other bundling error(s):');
  });

  it('accepts a built-in that a package maps away in its "browser" field', async () => {
    await expect(expectBrowserBundle(fixture('browser-field'))).resolves.toMatchObject({
      nodeImports: [],
    });
  });

  it('says to build first when the entry file does not exist', async () => {
    await expect(bundleForBrowser(fixture('no-such-fixture'))).rejects.toThrow(
      /expected a built entry file at \S+no-such-fixture\/index\.js, found nothing \(build the package first\)/,
    );
  });
});

describe('isNodeBuiltin', () => {
  it('knows built-ins with and without the node: scheme, and nothing else', () => {
    for (const name of ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'worker_threads']) {
      expect(isNodeBuiltin(name)).toBe(true);
    }
    expect(isNodeBuiltin('node:test')).toBe(true);
    for (const name of ['fflate', 'zod', './fs.js', 'fs-extra', '@scope/fs']) {
      expect(isNodeBuiltin(name)).toBe(false);
    }
  });
});
