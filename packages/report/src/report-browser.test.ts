import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedTemporaryDirectory } from '@digitlab/core/testing';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { distinctColours } from './test-support/read-report.js';
import { sampleInput } from './test-support/sample-input.js';
import { writeReport } from './write-report.js';

/** Debian's chromium package; `.ci/run` installs it when it is missing. */
const CHROMIUM = '/usr/bin/chromium';
// Nothing in the page may reach the network, and the browser should not try either.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const FIGURES = ['confusion-matrix', 'per-class', 'learning-curves', 'weights', 'misclassified'];
// Starting a browser on a busy two-core machine can take a while.
const BROWSER_TEST_TIMEOUT_MS = 120_000;

const root = sharedTemporaryDirectory('digitlab-report-browser-');

describe('report.html in a real browser', () => {
  it(
    'loads without console errors or requests, draws every figure, and is not blank',
    async (context) => {
      if (!existsSync(CHROMIUM)) {
        const reason = `expected Chromium at ${CHROMIUM} (Debian's chromium package: apt-get install -y chromium), found nothing`;
        // CI installs it (.ci/run), so there a missing browser is a failure, not a skip.
        if (process.env.CI === 'true') throw new Error(`${reason}; CI must run the browser test`);
        console.warn(`report browser test skipped: ${reason}`);
        context.skip(`skipped: ${reason}`);
      }
      const dir = join(root(), 'report');
      await writeReport(dir, sampleInput());
      const profile = await mkdtemp(join(root(), 'profile-'));
      const browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1100, height: 900 },
      });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        page.on('request', (request) => {
          const url = request.url();
          if (!url.startsWith('file:') && !url.startsWith('data:'))
            problems.push(`request: ${url}`);
        });
        page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
        await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });

        const ids = await page.locator('section.figure').evaluateAll((all) => all.map((s) => s.id));
        expect(ids).toEqual(FIGURES.map((f) => `figure-${f}`));
        for (const id of ids) {
          const box = await page.locator(`#${id} svg`).boundingBox();
          expect(box?.width, id).toBeGreaterThan(0);
          expect(box?.height, id).toBeGreaterThan(0);
          // Tiles (weights, mistakes) are images inside the SVG: each must have been laid out.
          for (const image of await page.locator(`#${id} svg image`).all()) {
            const tile = await image.boundingBox();
            expect((tile?.width ?? 0) * (tile?.height ?? 0), id).toBeGreaterThan(0);
          }
        }
        expect(await page.locator('#figure-misclassified svg image').count()).toBeGreaterThan(0);
        // The page is laid out with its own style sheet: the tables have columns side by side.
        const scoreColumns = await page.$$eval('table.scores thead th', (cells) => cells.length);
        expect(scoreColumns).toBe(5);

        const screenshot = PNG.sync.read(await page.screenshot({ fullPage: true }));
        expect(screenshot.height).toBeGreaterThan(900);
        expect(distinctColours(screenshot)).toBeGreaterThan(100);
        const matrix = PNG.sync.read(
          await page.locator('#figure-confusion-matrix svg').screenshot(),
        );
        expect(distinctColours(matrix)).toBeGreaterThan(20);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
