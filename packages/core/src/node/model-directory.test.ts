import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactError } from '../errors.js';
import { fitToEnd } from '../fit-to-end.js';
import { MANIFEST_FILE, type ModelArtifact } from '../model-artifact.js';
import { createRegistry } from '../registry.js';
import { toyArtifact } from '../test-support/toy-artifact.js';
import { toyDataset } from '../test-support/toy-data.js';
import { centroidPlugin } from '../testing/centroid-plugin.js';
import { sharedTemporaryDirectory } from '../testing/temporary-directory.js';
import { loadModel } from './load-model.js';
import { readModelArtifact, saveModel } from './model-directory.js';

const root = sharedTemporaryDirectory('digitlab-core-', { perTest: true });

function artifact(bytes = new Uint8Array([1, 2, 3, 4])): ModelArtifact {
  return toyArtifact(
    { 'weights.bin': bytes, 'model.json': new TextEncoder().encode('{"x":1}') },
    { preprocessing: [{ kind: 'scale', factor: 1 / 255 }] },
  );
}

describe('saveModel / readModelArtifact', () => {
  it('round-trips files and metadata and leaves no temp directories', async () => {
    const dir = join(root(), 'nested', 'model');
    await saveModel(dir, artifact());
    const back = await readModelArtifact(dir);
    expect(back.plugin).toBe('toy-centroid');
    expect(back.metadata.classNames).toEqual(['a', 'b']);
    expect(back.metadata.training).toEqual({ seed: 7 });
    expect(Array.from(back.files['weights.bin'] ?? [])).toEqual([1, 2, 3, 4]);
    expect((await readdir(join(root(), 'nested'))).sort()).toEqual(['model']);
  });

  it('replaces an existing model directory whole', async () => {
    const dir = join(root(), 'model');
    await saveModel(dir, {
      ...artifact(),
      files: { ...artifact().files, 'extra.bin': new Uint8Array([9]) },
    });
    await saveModel(dir, artifact(new Uint8Array([5, 6])));
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_FILE, 'model.json', 'weights.bin']);
    expect(Array.from((await readModelArtifact(dir)).files['weights.bin'] ?? [])).toEqual([5, 6]);
    expect(await readdir(root())).toEqual(['model']);
  });

  it('refuses to replace a directory that is not a saved model, and leaves it untouched', async () => {
    const dir = join(root(), 'precious');
    await saveModel(join(root(), 'precious-tmp'), artifact());
    await rm(join(root(), 'precious-tmp'), { recursive: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await expect(saveModel(dir, artifact())).rejects.toThrow(
      /refusing to replace a non-empty directory.*notes\.txt/,
    );
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('rejects unsafe file names from a plugin', async () => {
    const bad = { ...artifact(), files: { '../escape.bin': new Uint8Array([1]) } };
    await expect(saveModel(join(root(), 'm'), bad)).rejects.toThrow(
      /invalid file name "\.\.\/escape\.bin"/,
    );
  });

  it('detects a missing directory, a truncated file, a corrupt file and a broken manifest', async () => {
    await expect(readModelArtifact(join(root(), 'none'))).rejects.toThrow(
      /expected a saved digitlab model.*found nothing/,
    );

    const dir = join(root(), 'model');
    await saveModel(dir, artifact(new Uint8Array([1, 2, 3, 4])));
    await writeFile(join(dir, 'weights.bin'), new Uint8Array([1, 2, 3]));
    await expect(readModelArtifact(dir)).rejects.toThrow(/weights\.bin: expected 4 bytes, found 3/);

    await writeFile(join(dir, 'weights.bin'), new Uint8Array([1, 2, 3, 5]));
    await expect(readModelArtifact(dir)).rejects.toThrow(/checksum mismatch/);

    await writeFile(join(dir, MANIFEST_FILE), '{ not json');
    await expect(readModelArtifact(dir)).rejects.toThrow(ArtifactError);
    await expect(readModelArtifact(dir)).rejects.toThrow(/expected valid JSON/);
  });

  // Found by fuzzing: a files entry that is not {bytes, sha256} gave "expected [object Object]
  // bytes", and a file that is a directory was reported missing.
  it('names a malformed files entry, a directory in place of a file, and `..` as a file name', async () => {
    const dir = join(root(), 'model');
    await saveModel(dir, artifact());
    const text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
    const edit = async (change: (manifest: { files: Record<string, unknown> }) => void) => {
      const manifest = JSON.parse(text);
      change(manifest);
      await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    };
    await edit((m) => {
      m.files['weights.bin'] = { bytes: {}, sha256: 'abc' };
    });
    await expect(readModelArtifact(dir)).rejects.toThrow(
      /digitlab-model\.json: expected files\["weights\.bin"\] to be \{"bytes": a byte count, "sha256": 64 hex digits\}, found \{"bytes":\{\},"sha256":"abc"\}$/,
    );
    await edit((m) => {
      m.files['..'] = m.files['model.json'];
    });
    await expect(readModelArtifact(dir)).rejects.toThrow(
      /invalid file name "\.\." in the files table/,
    );
    await edit(() => undefined);
    await rm(join(dir, 'model.json'));
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'model.json')));
    await expect(readModelArtifact(dir)).rejects.toThrow(
      /model\.json: expected the model file model\.json \(7 bytes\), found something else \(a directory\?\)$/,
    );
  });

  it('validates metadata: class names must match numClasses', async () => {
    const dir = join(root(), 'model');
    await saveModel(dir, artifact());
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
    manifest.metadata.classNames = ['only one'];
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    await expect(readModelArtifact(dir)).rejects.toThrow(
      /expected metadata\.classNames to be 2 strings/,
    );
  });
});

describe('loadModel', () => {
  it('rebuilds a fitted classifier through the plugin named in the manifest', async () => {
    const registry = createRegistry([centroidPlugin()]);
    const data = toyDataset(5, 3, 2);
    const classifier = registry.get('toy-centroid').create({ shrink: 0 });
    await fitToEnd(classifier.fit(data));
    const dir = join(root(), 'model');
    await saveModel(dir, await classifier.save());
    const loaded = await loadModel(dir, registry);
    expect(loaded.fitted).toBe(true);
    expect(Array.from(await loaded.predictProba(data.features))).toEqual(
      Array.from(await classifier.predictProba(data.features)),
    );
  });

  it('names the known plugins when the manifest names an unregistered one', async () => {
    const dir = join(root(), 'model');
    await saveModel(dir, { ...artifact(), plugin: 'mystery' });
    await expect(loadModel(dir, createRegistry([centroidPlugin()]))).rejects.toThrow(
      /unknown classifier 'mystery'.*'toy-centroid'/,
    );
  });
});
