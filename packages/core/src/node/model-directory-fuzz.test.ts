import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArtifactError } from '../errors.js';
import { MANIFEST_FILE, type ModelArtifact } from '../model-artifact.js';
import { toyArtifact } from '../test-support/toy-artifact.js';
import { mutatedBytes, settledOrTypedError } from '../testing/index.js';
import { mutatedJson } from '../testing/mutated-json.js';
import { temporaryDirectory } from '../testing/temporary-directory.js';
import { readModelArtifact, saveModel } from './model-directory.js';

const RUNS = 1000;
const ONLY = [ArtifactError];

const artifact: ModelArtifact = toyArtifact(
  {
    'weights.bin': Uint8Array.from({ length: 64 }, (_, i) => i * 7),
    'model.json': new TextEncoder().encode('{"layers":[4,2]}'),
    'extra.bin': new Uint8Array([1]),
  },
  {
    preprocessing: [{ kind: 'standardize', mean: [0, 1, 2, 3], std: [1, 1, 2, 2] }],
    metrics: { trainAccuracy: 0.5 },
  },
);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A loaded model holds exactly the files its manifest lists, each of the size and checksum listed. */
function checkAgainstManifest(loaded: ModelArtifact, manifest: unknown): void {
  const files = (manifest as { files: Record<string, { bytes: number; sha256: string }> }).files;
  expect(Object.keys(loaded.files).sort()).toEqual(Object.keys(files).sort());
  for (const [name, bytes] of Object.entries(loaded.files)) {
    expect(bytes.byteLength).toBe(files[name]?.bytes);
    expect(sha256(bytes)).toBe(files[name]?.sha256);
  }
}

async function savedModel(): Promise<{ dir: string; manifest: unknown; text: string }> {
  const dir = join(await temporaryDirectory('digitlab-fuzz-'), 'model');
  await saveModel(dir, artifact);
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  return { dir, manifest: JSON.parse(text), text };
}

describe('readModelArtifact on damaged model directories (fuzz): the model its manifest describes, or an ArtifactError', () => {
  it('manifests with changed values: types, sizes, checksums, names, missing keys', async () => {
    const { dir, manifest } = await savedModel();
    await fc.assert(
      fc.asyncProperty(mutatedJson(manifest), async (changed) => {
        await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(changed) ?? '');
        const loaded = await settledOrTypedError(() => readModelArtifact(dir), ONLY);
        if (!(loaded instanceof Error)) checkAgainstManifest(loaded, changed);
      }),
      { numRuns: RUNS, timeout: 2000 },
    );
  });

  it('manifests with damaged bytes', async () => {
    const { dir, text } = await savedModel();
    await fc.assert(
      fc.asyncProperty(mutatedBytes(new TextEncoder().encode(text)), async (bytes) => {
        await writeFile(join(dir, MANIFEST_FILE), bytes);
        const loaded = await settledOrTypedError(() => readModelArtifact(dir), ONLY);
        if (!(loaded instanceof Error)) {
          checkAgainstManifest(loaded, JSON.parse(new TextDecoder().decode(bytes)));
        }
      }),
      { numRuns: RUNS, timeout: 2000 },
    );
  });

  it('model files damaged, missing or replaced by a directory: refused, naming the file', async () => {
    const { dir } = await savedModel();
    const names = Object.keys(artifact.files);
    const damage = fc.oneof(
      fc.record({ name: fc.constantFrom(...names), bytes: fc.constant(undefined) }),
      fc
        .constantFrom(...names)
        .chain((name) =>
          mutatedBytes(artifact.files[name] as Uint8Array).map((bytes) => ({ name, bytes })),
        ),
      fc.record({ name: fc.constantFrom(...names), bytes: fc.constant('directory' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(damage, async ({ name, bytes }) => {
        const path = join(dir, name);
        if (bytes === undefined || bytes === 'directory') await rm(path);
        if (bytes === 'directory') await mkdir(path);
        else if (bytes !== undefined) await writeFile(path, bytes);
        try {
          const loaded = await settledOrTypedError(() => readModelArtifact(dir), ONLY);
          if (loaded instanceof Error) expect(loaded.message).toContain(path);
          // Only a change that undid itself may load, as the model that was saved.
          else expect(loaded.files).toEqual(artifact.files);
        } finally {
          if (bytes === 'directory') await rm(path, { recursive: true });
          await writeFile(path, artifact.files[name] as Uint8Array);
        }
      }),
      { numRuns: RUNS / 2, timeout: 2000 },
    );
  });
});
