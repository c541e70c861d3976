import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN_CHECKSUMS } from '../checksums.js';
import { DownloadError, IdxFormatError } from '../errors.js';
import { IDX_FILE_NAMES, IDX_FILE_ROLES } from '../idx-file-names.js';
import {
  closedPortUrl,
  type FixtureServer,
  type RouteBehaviour,
  startFixtureServer,
} from '../test-support/fixture-server.js';
import { encodeSynthetic, syntheticData, tempDir } from '../test-support/synthetic-idx.js';
import { loadDatasetFromUrl, type UrlLoadOptions } from './load-dataset-from-url.js';

const data = syntheticData({ numTrain: 300, numTest: 60, height: 8, width: 8 });
const gz = encodeSynthetic(data, true);
const gzName = (role: keyof typeof IDX_FILE_NAMES) => `${IDX_FILE_NAMES[role]}.gz`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const checksums = Object.fromEntries(
  IDX_FILE_ROLES.map((role) => [gzName(role), sha256(gz[role])]),
);
const TRAIN_IMAGES = `/data/${gzName('trainImages')}`;

function goodRoutes(): Record<string, RouteBehaviour> {
  return Object.fromEntries(
    IDX_FILE_ROLES.map((role) => [`/data/${gzName(role)}`, { kind: 'ok', body: gz[role] }]),
  );
}

describe('loadDatasetFromUrl against a local HTTP server', () => {
  let cacheDir: string;
  let server: FixtureServer;
  beforeEach(async () => {
    cacheDir = join(await tempDir('url'), 'cache');
    server = await startFixtureServer(goodRoutes());
  });
  afterEach(() => server.close());

  const options = (extra: Partial<UrlLoadOptions> = {}): UrlLoadOptions => ({
    cacheDir,
    name: 'fixture',
    checksums,
    ...extra,
  });

  async function failure(promise: Promise<unknown>): Promise<DownloadError> {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    return error as DownloadError;
  }

  async function cacheEntries(): Promise<string[]> {
    return readdir(cacheDir).catch(() => []);
  }

  // The proof that nothing usable was left: a later load against a healthy server fetches the
  // file again (and succeeds), rather than accepting anything from the cache.
  async function expectNothingAcceptedLater(path: string): Promise<void> {
    for (const role of IDX_FILE_ROLES) {
      server.setRoute(`/data/${gzName(role)}`, { kind: 'ok', body: gz[role] });
    }
    const before = server.requests.filter((p) => p === path).length;
    const { train } = await loadDatasetFromUrl(server.baseUrl, options());
    expect(server.requests.filter((p) => p === path).length).toBe(before + 1);
    expect(train.numSamples).toBe(data.train.count);
  }

  it('downloads, verifies and loads the four files, reporting progress', async () => {
    const progress: [number, number | undefined, string][] = [];
    const { train, test } = await loadDatasetFromUrl(
      server.baseUrl,
      options({ onProgress: (received, total, file) => progress.push([received, total, file]) }),
    );
    expect(train.numSamples).toBe(data.train.count);
    expect(test.numSamples).toBe(data.test.count);
    expect(train.imageShape).toEqual([8, 8]);
    expect([...train.labels]).toEqual([...data.train.labels]);
    expect(test.features[5]).toBe(Math.fround(data.test.images[5]! / 255));
    expect((await cacheEntries()).sort()).toEqual(IDX_FILE_ROLES.map(gzName).sort());
    for (const role of IDX_FILE_ROLES) {
      const calls = progress.filter(([, , file]) => file === gzName(role));
      expect(calls.at(-1)).toEqual([gz[role].length, gz[role].length, gzName(role)]);
      const received = calls.map(([r]) => r);
      expect(received).toEqual([...received].sort((a, b) => a - b));
    }
  });

  it('serves a second load from the cache without any request', async () => {
    await loadDatasetFromUrl(server.baseUrl, options());
    const requests = server.requests.length;
    const { test } = await loadDatasetFromUrl(server.baseUrl, options());
    expect(server.requests.length).toBe(requests);
    expect([...test.labels]).toEqual([...data.test.labels]);
  });

  it('loads without a checksum table for a dataset it has none for', async () => {
    const { train } = await loadDatasetFromUrl(server.baseUrl, { cacheDir, name: 'kmnist' });
    expect(train.numClasses).toBe(data.numClasses);
  });

  it('replaces a cached file that fails its checksum', async () => {
    await loadDatasetFromUrl(server.baseUrl, options());
    await writeFile(join(cacheDir, gzName('trainImages')), 'corrupted');
    await expectNothingAcceptedLater(TRAIN_IMAGES);
  });

  it('fails on a body cut short of its Content-Length and keeps no partial file', async () => {
    const body = gz.trainImages;
    server.setRoute(TRAIN_IMAGES, { kind: 'truncate', body, sendBytes: body.length >> 1 });
    const error = await failure(loadDatasetFromUrl(server.baseUrl, options()));
    expect(error.reason).toBe('truncated');
    expect(error.url).toBe(`${server.baseUrl}${gzName('trainImages')}`);
    expect(error.message).toContain(error.url);
    expect(error.message).toMatch(
      new RegExp(`(broke after \\d+ bytes|expected ${body.length} bytes)`),
    );
    expect(await cacheEntries()).toEqual([]);
    await expectNothingAcceptedLater(TRAIN_IMAGES);
  });

  it('fails on a body cut short even without a checksum to catch it', async () => {
    const body = gz.trainImages;
    server.setRoute(TRAIN_IMAGES, { kind: 'truncate', body, sendBytes: 100 });
    const error = await failure(loadDatasetFromUrl(server.baseUrl, { cacheDir, name: 'kmnist' }));
    expect(error.reason).toBe('truncated');
    expect(await cacheEntries()).toEqual([]);
  });

  it('fails on HTTP 404, naming the URL and the status', async () => {
    server.setRoute(TRAIN_IMAGES, { kind: 'status', status: 404 });
    const error = await failure(loadDatasetFromUrl(server.baseUrl, options()));
    expect(error.reason).toBe('http-status');
    expect(error.message).toBe(
      `could not download ${server.baseUrl}${gzName('trainImages')}: expected HTTP 200, got 404 Not Found`,
    );
    expect(await cacheEntries()).toEqual([]);
    await expectNothingAcceptedLater(TRAIN_IMAGES);
  });

  it("fails on a checksum mismatch against MNIST's known table, saving nothing", async () => {
    const error = await failure(loadDatasetFromUrl(server.baseUrl, { cacheDir, name: 'mnist' }));
    expect(error.reason).toBe('checksum');
    const expected = KNOWN_CHECKSUMS.mnist[gzName('trainImages')]!;
    expect(error.message).toContain(
      `expected SHA-256 ${expected}, got ${checksums[gzName('trainImages')]}`,
    );
    expect(await cacheEntries()).toEqual([]);
    await expectNothingAcceptedLater(TRAIN_IMAGES);
  });

  it('fails on a mismatch against a user-supplied checksum', async () => {
    const wrong = { ...checksums, [gzName('testLabels')]: 'ab'.repeat(32) };
    const error = await failure(loadDatasetFromUrl(server.baseUrl, options({ checksums: wrong })));
    expect(error.reason).toBe('checksum');
    expect(error.url).toBe(`${server.baseUrl}${gzName('testLabels')}`);
    expect(await cacheEntries()).not.toContain(gzName('testLabels'));
    expect((await cacheEntries()).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('removes a complete download that is not IDX, so the next load fetches it again', async () => {
    const html = new TextEncoder().encode('<html>maintenance</html>');
    server.setRoute(`/data/${gzName('trainLabels')}`, { kind: 'ok', body: html });
    const error = await loadDatasetFromUrl(server.baseUrl, { cacheDir, name: 'kmnist' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as Error).message).toContain('removed it from the cache');
    expect(await cacheEntries()).not.toContain(gzName('trainLabels'));
    await expectNothingAcceptedLater(`/data/${gzName('trainLabels')}`);
  });

  it('reports a refused connection as offline, naming the URL', async () => {
    const base = await closedPortUrl();
    const error = await failure(loadDatasetFromUrl(base, options()));
    expect(error.reason).toBe('offline');
    expect(error.url).toBe(`${base}${gzName('trainImages')}`);
    expect(error.message).toContain(`could not download ${error.url}: connection refused`);
    expect(error.message).toContain('--data-dir');
    expect(await cacheEntries()).toEqual([]);
  });

  it('reports a DNS failure as offline', async () => {
    const fetchImpl = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('getaddrinfo ENOTFOUND mirror.test'), {
            code: 'ENOTFOUND',
          }),
        }),
      );
    const error = await failure(
      loadDatasetFromUrl('http://mirror.test/mnist', options({ fetchImpl })),
    );
    expect(error.reason).toBe('offline');
    expect(error.message).toContain(
      'could not download http://mirror.test/mnist/train-images-idx3-ubyte.gz: DNS lookup failed',
    );
  });
});
